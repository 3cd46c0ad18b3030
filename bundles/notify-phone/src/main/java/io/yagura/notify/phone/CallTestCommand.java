package io.yagura.notify.phone;

import io.yagura.notify.phone.sip.CallResult;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "call-test", description = "Calls a number through the configured SIP trunk, plays "
        + "a test message and reports the SIP answer, the audio played and the digits pressed. Nothing is recorded.",
        detailedDescription = "Examples:\n  yagura:call-test 0312345678\n  yagura:call-test --language ja +81312345678")
@Service
public class CallTestCommand implements Action {

    @Argument(index = 0, name = "NUMBER", required = true, description = "The number to call (digits, optional +)")
    String number;

    @Option(name = "--language", description = "ja or en (default en)")
    String language = "en";

    @Reference(optional = true)
    PhoneChannelComponent channel;

    @Override
    public Object execute() throws Exception {
        if (channel == null) {
            throw new CommandException("The phone channel is not active on this node (feature yagura-notify-phone)");
        }
        System.out.println("Calling " + number + "…");
        CallResult r = channel.testCall(number, language);
        System.out.println(PhoneChannel.describe(r) + (r.acknowledged() ? "; the acknowledgement digit works" : ""));
        return null;
    }
}
