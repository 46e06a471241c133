package dev.warden.policy.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How approvals are waited for and who may review them: {@code [approvals] timeout_seconds} (how long a person
 * has to answer before the ask becomes a denial) and the optional model reviewer in {@code [auto_review]}.
 *
 * @param timeout       {@code [approvals] timeout_seconds}, at least one second (default 300)
 * @param modelReviewer the model reviewer, present when {@code [auto_review] endpoint} is set
 */
public record ApprovalSettings(Duration timeout, Optional<ModelReviewer> modelReviewer) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_REVIEW_TIMEOUT = Duration.ofSeconds(90);

    public ApprovalSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(modelReviewer, "modelReviewer");
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("approvals.timeout_seconds must be at least 1");
        }
    }

    /**
     * An OpenAI-compatible chat-completions endpoint that reviews actions ({@code [auto_review] endpoint, model,
     * api_key_env, timeout_seconds}). The key itself is never part of the configuration: only the name of the
     * environment variable that holds it, read when a review is sent.
     *
     * @param endpoint  the full chat-completions URL, http or https
     * @param model     the model name sent with each request
     * @param apiKeyEnv the environment variable holding the bearer token, if the endpoint needs one
     * @param timeout   how long one review may take (default 90 s); past it the review fails closed
     */
    public record ModelReviewer(URI endpoint, String model, Optional<String> apiKeyEnv, Duration timeout) {
        public ModelReviewer {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
