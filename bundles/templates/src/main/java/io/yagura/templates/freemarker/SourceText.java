package io.yagura.templates.freemarker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of a template or label file, read as strict UTF-8 (a byte-order mark is dropped). */
record SourceText(String name, String text) {

    static final String BUNDLE = "bundle:";

    static SourceText file(Path file) throws IOException {
        return new SourceText(file.toString(), decode(Files.readAllBytes(file), file.toString()));
    }

    /** A resource of the owner's class loader, or null when there is none. */
    static SourceText bundled(ClassLoader loader, String path) throws IOException {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? null : new SourceText(BUNDLE + path, decode(in.readAllBytes(), BUNDLE + path));
        }
    }

    private static String decode(byte[] bytes, String name) throws IOException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new IOException(name + " is not UTF-8 text", e);
        }
    }
}
