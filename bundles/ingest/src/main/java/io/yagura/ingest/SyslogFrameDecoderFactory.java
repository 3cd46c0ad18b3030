package io.yagura.ingest;

import io.netty.channel.ChannelHandler;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;

/** Gives camel-netty a fresh (stateful, so not sharable) frame decoder per connection. */
public final class SyslogFrameDecoderFactory extends DefaultChannelHandlerFactory {

    private final int maxLength;

    public SyslogFrameDecoderFactory(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new SyslogFrameDecoder(maxLength);
    }
}
