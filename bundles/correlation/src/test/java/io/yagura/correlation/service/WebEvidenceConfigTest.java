package io.yagura.correlation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.correlation.engine.WebEvidenceSettings;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebEvidenceConfigTest {

    /** A configuration with its metatype defaults, some values replaced. */
    private static CorrelationConfig config(Map<String, Object> values) {
        return (CorrelationConfig) Proxy.newProxyInstance(CorrelationConfig.class.getClassLoader(),
                new Class<?>[] {CorrelationConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void theDefaultsOfTheConfigurationAreTheEnginesDefaults() {
        assertEquals(WebEvidenceSettings.defaults(), CorrelationService.webEvidence(config(Map.of())));
    }

    @Test
    void anOperatorTunesTheThresholds() {
        WebEvidenceSettings s = CorrelationService.webEvidence(config(Map.of("web_dataout_megabytes", 50,
                "web_inference_requests", 10, "web_window_minutes", 30, "web_class_tolerance_percent", 5)));
        assertEquals(50_000_000L, s.dataOutBytes());
        assertEquals(10, s.inferenceRequests());
        assertEquals(Duration.ofMinutes(30), s.window());
        assertEquals(0.05, s.classTolerance(), 1e-9);
    }

    @Test
    void valuesOutOfRangeFallBackToTheDefaults() {
        assertEquals(WebEvidenceSettings.defaults(),
                CorrelationService.webEvidence(config(Map.of("web_inference_requests", 2))));
    }
}
