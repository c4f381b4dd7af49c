package dev.clockwork.api;

import java.util.List;
import java.util.Optional;

/**
 * An action deployed in the cluster, as the live nodes publish it.
 *
 * @param name the action's name, as tasks refer to it
 * @param description what it does, from {@link Action#description()}, when a node gives one
 * @param nodes the ids of the live nodes it is deployed on, sorted
 */
public record ActionInfo(String name, Optional<String> description, List<String> nodes) {

    public ActionInfo {
        nodes = List.copyOf(nodes);
    }
}
