package io.yagura.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Gathers groups of routed lines (each incoming exchange carries a list: the lines of one
 * read for one queue and customer) into one list, the future broker message.
 */
final class LineBatchStrategy implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange batch, Exchange group) {
        List<LineDispatcher.Routed> lines = group.getMessage().getBody(List.class);
        if (batch == null) {
            group.getMessage().setBody(new ArrayList<>(lines));
            return group;
        }
        batch.getMessage().getBody(List.class).addAll(lines);
        return batch;
    }
}
