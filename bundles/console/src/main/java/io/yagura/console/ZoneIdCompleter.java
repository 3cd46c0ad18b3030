package io.yagura.console;

import java.time.ZoneId;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/** Completes time zone ids (Asia/Tokyo, Europe/Berlin, UTC...). */
@Service
public class ZoneIdCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine line, List<String> candidates) {
        return Completers.completeFrom(ZoneId.getAvailableZoneIds().stream().sorted(), session, line, candidates);
    }
}
