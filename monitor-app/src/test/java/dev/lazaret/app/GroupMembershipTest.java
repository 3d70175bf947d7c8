package dev.lazaret.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazaret.core.config.ConfigException;
import dev.lazaret.core.config.ConfigLoader;
import dev.lazaret.core.config.MonitorConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private static MonitorConfig config(Map<String, String> settings) {
        return ConfigLoader.load(null, Map.of(), settings);
    }

    @Test
    void shouldUseTheConfiguredInstanceIdAsStaticGroupMembership() {
        Properties props = GroupMembership.streamsProperties(config(Map.of("instance.id", "lazaret-0")), Path.of("d"));
        assertThat(props)
                .containsEntry("group.instance.id", "lazaret-0")
                .containsEntry("session.timeout.ms", MonitorConfig.DEFAULT_SESSION_TIMEOUT_MS)
                .containsEntry("heartbeat.interval.ms", 3_000)
                .containsEntry("num.standby.replicas", 1)
                .containsEntry("probing.rebalance.interval.ms", 60_000);
    }

    @Test
    void shouldDeriveAStableIdThatDiffersBetweenDataDirectories() {
        MonitorConfig derived = config(Map.of());
        String a = GroupMembership.instanceId(derived, Path.of("/var/lib/lazaret/a"));
        assertThat(GroupMembership.instanceId(derived, Path.of("/var/lib/lazaret/a/../a")))
                .isEqualTo(a);
        assertThat(GroupMembership.instanceId(derived, Path.of("/var/lib/lazaret/b")))
                .isNotEqualTo(a);
        assertThat(a).matches("[a-z0-9.-]{1,60}-[0-9a-f]{12}");
    }

    @Test
    void shouldKeepTheHeartbeatAThirdOfAShortSessionTimeout() {
        Properties props =
                GroupMembership.streamsProperties(config(Map.of("session.timeout.ms", "6000")), Path.of("d"));
        assertThat(props).containsEntry("heartbeat.interval.ms", 2_000);
    }

    @Test
    void shouldRefuseAnInstanceIdKafkaWouldRefuse() {
        assertThatThrownBy(() -> config(Map.of("instance.id", "pod 0/a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("instance.id");
    }
}
