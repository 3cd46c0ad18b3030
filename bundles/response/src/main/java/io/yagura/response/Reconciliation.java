package io.yagura.response;

import io.yagura.api.response.Block;
import java.util.List;

/**
 * What a firewall holds against what the store says is active there.
 *
 * @param onDeviceOnly Yagura blocks the device holds that the store has not active (left by a failure)
 * @param inStoreOnly  active blocks the device no longer holds (removed by hand on the device)
 * @param matching     active blocks the device holds
 */
public record Reconciliation(String deviceId, List<String> onDeviceOnly, List<Block> inStoreOnly, int matching) {
}
