package io.yagura.response.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.response.BlockService;
import io.yagura.response.Reconciliation;
import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "blocks", description = "Lists blocks (live ones by default), shows one with its audit "
        + "trail, or compares a firewall with the store.",
        detailedDescription = "States: PENDING_APPROVAL (waits for yagura:block-approve), PLACING, ACTIVE, REMOVING, and "
        + "the ended REFUSED, FAILED, REMOVED, EXPIRED (--all).\n\nExamples:\n"
        + "  yagura:blocks\n  yagura:blocks --pending\n  yagura:blocks --customer acme --all\n"
        + "  yagura:blocks --incident INC-20261205-000001\n  yagura:blocks BLK-20261205-K7Q2XR\n"
        + "  yagura:blocks --reconcile --device acme-fw1        (add --fix to repair)\n  yagura:blocks --json")
@Service
public class BlocksCommand extends ResponseCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<BlockState> LIVE = EnumSet.of(BlockState.PENDING_APPROVAL, BlockState.PLACING,
            BlockState.ACTIVE, BlockState.REMOVING);

    @Argument(index = 0, name = "id", description = "One block, shown with its audit trail")
    String id;

    @Option(name = "--customer", description = "Only this customer's blocks")
    String customer;

    @Option(name = "--device", description = "Only blocks on this firewall")
    String device;

    @Option(name = "--incident", description = "Only the blocks of this incident")
    String incident;

    @Option(name = "--pending", description = "Only requests waiting for an analyst")
    boolean pending;

    @Option(name = "--all", description = "Ended blocks too (refused, failed, removed, expired)")
    boolean all;

    @Option(name = "-n", description = "At most this many (default 200)")
    int limit = 200;

    @Option(name = "--json", description = "One JSON object per block and line, for scripts")
    boolean json;

    @Option(name = "--reconcile", description = "With --device: compare the firewall's Yagura blocks with the store")
    boolean reconcile;

    @Option(name = "--fix", description = "With --reconcile: remove from the device what the store does not hold active, "
            + "mark FAILED what the device lost")
    boolean fix;

    @Reference
    BlockStore store;

    @Override
    void run() {
        if (reconcile) {
            reconcile();
            return;
        }
        if (id != null) {
            Block b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no block '" + id + "'"));
            BlockText.full(b, store.audit(id), out);
            return;
        }
        Set<BlockState> states = pending ? Set.of(BlockState.PENDING_APPROVAL) : all ? Set.of() : LIVE;
        var list = store.list(new BlockStore.Filter(customer, device, incident, states, Math.max(1, limit)));
        if (!json) {
            BlockText.table(list, out);
            return;
        }
        for (Block b : list) {
            try {
                out.println(JSON.writeValueAsString(BlockText.json(b)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("block " + b.id() + " cannot be written as JSON: " + e.getMessage(), e);
            }
        }
    }

    private void reconcile() {
        if (device == null) {
            throw new IllegalArgumentException("--reconcile needs --device");
        }
        Reconciliation r = blocks.reconcile(device, fix, operator());
        out.println(device + ": " + r.matching() + " block(s) on the device and active in the store");
        r.onDeviceOnly().forEach(a -> out.println("  on the device only: " + a + (fix ? "  (removed)" : "")));
        r.inStoreOnly().forEach(b -> out.println("  active in the store only: " + b.id() + " " + b.address()
                + (fix ? "  (marked FAILED)" : "")));
        if (!fix && (!r.onDeviceOnly().isEmpty() || !r.inStoreOnly().isEmpty())) {
            out.println("yagura:blocks --reconcile --fix --device " + device + " repairs this");
        }
    }

    @Override
    String failurePrefix() {
        return "";
    }
}
