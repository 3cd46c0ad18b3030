package io.yagura.portal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failed logins counted per client address over a sliding window. */
class LoginThrottleTest {

    final AccountsTest.MovingClock clock = new AccountsTest.MovingClock();
    final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Limits.DEFAULT, clock);

    @Test
    void twentyFailuresWithinTenMinutesBlockTheAddressFor15Minutes() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("198.51.100.7");
            clock.advance(Duration.ofSeconds(30));
        }
        assertEquals(Optional.empty(), throttle.blockedUntil("198.51.100.7"), "19 failures");
        throttle.failed("198.51.100.7");
        assertEquals(Optional.of(clock.now.plus(Duration.ofMinutes(15))), throttle.blockedUntil("198.51.100.7"));
        assertEquals(Optional.empty(), throttle.blockedUntil("198.51.100.8"), "only that address");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), throttle.blockedUntil("198.51.100.7"), "the block ends");
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        // a slow sprayer at one try every 32 s never has 20 failures within 10 minutes (19 × 32 s > 600 s)
        for (int i = 0; i < 60; i++) {
            throttle.failed("198.51.100.7");
            clock.advance(Duration.ofSeconds(32));
        }
        assertEquals(Optional.empty(), throttle.blockedUntil("198.51.100.7"));
        // at one every 31 s it has (19 × 31 s < 600 s)
        for (int i = 0; i < 20; i++) {
            throttle.failed("198.51.100.9");
            clock.advance(Duration.ofSeconds(31));
        }
        assertTrue(throttle.blockedUntil("198.51.100.9").isPresent());
    }

    @Test
    void anIpv6ClientIsCountedPerSlash64() {
        for (int i = 1; i <= 20; i++) {
            throttle.failed("2001:db8:5:6::" + Integer.toHexString(i)); // a new address for every try
        }
        assertTrue(throttle.blockedUntil("2001:db8:5:6:ffff::1").isPresent(), "the same /64");
        assertEquals(Optional.empty(), throttle.blockedUntil("2001:db8:5:7::1"), "the next /64");
        assertEquals("2001:db8:5:6::/64", LoginThrottle.key("2001:db8:5:6:a:b:c:d"));
        assertEquals("192.0.2.1", LoginThrottle.key("::ffff:192.0.2.1"));
    }

    @Test
    void zeroFailuresTurnsItOffAndNonsenseIsRefused() {
        LoginThrottle off = new LoginThrottle(new LoginThrottle.Limits(0, Duration.ZERO, Duration.ZERO), clock);
        for (int i = 0; i < 1000; i++) {
            off.failed("198.51.100.7");
        }
        assertEquals(Optional.empty(), off.blockedUntil("198.51.100.7"));
        assertEquals(0, off.trackedAddresses());
        assertThrows(IllegalArgumentException.class,
                () -> new LoginThrottle.Limits(5, Duration.ZERO, Duration.ofMinutes(15)));
    }
}
