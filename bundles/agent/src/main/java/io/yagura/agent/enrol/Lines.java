package io.yagura.agent.enrol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads one LF-terminated line of at most {@link Enrolment#MAX_LINE} bytes. */
final class Lines {

    private Lines() {
    }

    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= Enrolment.MAX_LINE) {
                throw new IOException("line longer than " + Enrolment.MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("connection closed before a line was sent");
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
