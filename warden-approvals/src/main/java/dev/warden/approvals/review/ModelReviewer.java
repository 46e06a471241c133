package dev.warden.approvals.review;

import dev.warden.approvals.ApprovalRequest;
import dev.warden.policy.config.ApprovalSettings;
import dev.warden.policy.risk.AutoReviewThresholds;
import dev.warden.policy.risk.RiskLevel;
import dev.warden.policy.risk.UserAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The optional model reviewer: an OpenAI-compatible chat-completions endpoint asked for a strict JSON verdict
 * ({@link ReviewPrompt}, {@link ReviewAnswer}). Its answer only ever adds caution: the risk level used is the
 * higher of the model's and the deterministic engine's, so text the agent planted cannot talk the risk down, and
 * the thresholds of {@code [auto_review]} decide as for the deterministic reviewer, with the model's judgement of
 * the user's authorization. A model that says "allow" where its own rating forbids it is not followed.
 *
 * <p>Fails closed: no key, an HTTP error, a timeout (the whole exchange, body included), an answer over
 * {@value #MAX_BODY} bytes, anything unparseable or inconsistent is {@link Review.AskHuman}. The API key is read
 * from the environment for each review, sent only in the Authorization header, and never appears in a message:
 * it is masked even if the endpoint echoes it back.
 */
public final class ModelReviewer implements AutoReviewer {
    static final int MAX_BODY = 64 * 1024;

    private final ApprovalSettings.ModelReviewer settings;
    private final AutoReviewThresholds thresholds;
    private final Function<String, String> environment;
    private final HttpClient client;

    public ModelReviewer(ApprovalSettings.ModelReviewer settings, AutoReviewThresholds thresholds,
            Function<String, String> environment) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public Review review(ApprovalRequest request) throws InterruptedException {
        if (request.verdict().risk().isPresent()) {
            // What the thresholds refuse at the deterministic level, no answer of the model could allow: skip the call.
            Review floor = DeterministicReviewer.decide(thresholds, DeterministicReviewer.level(request.verdict().risk()
                    .get()), UserAuthorization.EXPLICIT, request.verdict().risk().get().rationale());
            if (floor instanceof Review.Deny) {
                return floor;
            }
        }
        Optional<String> key = Optional.empty();
        if (settings.apiKeyEnv().isPresent()) {
            String value = environment.apply(settings.apiKeyEnv().get());
            if (value == null || value.isBlank()) {
                return new Review.AskHuman("the model reviewer's key variable " + settings.apiKeyEnv().get()
                        + " (auto_review.api_key_env) is not set");
            }
            key = Optional.of(value.strip());
        }
        try {
            return judge(request, ReviewAnswer.parse(exchange(request, key)), key);
        } catch (ReviewAnswer.Unusable e) {
            return new Review.AskHuman("the model reviewer's answer was unusable: " + mask(e.getMessage(), key));
        } catch (TimeoutException e) {
            return new Review.AskHuman("the model reviewer gave no answer within " + settings.timeout().toSeconds()
                    + " s (auto_review.timeout_seconds)");
        } catch (IOException e) {
            return new Review.AskHuman("the model reviewer could not be reached (" + mask(String.valueOf(e.getMessage()), key)
                    + ")");
        }
    }

    private Review judge(ApprovalRequest request, ReviewAnswer answer, Optional<String> key) {
        String rationale = mask(answer.rationale(), key);
        Review own = DeterministicReviewer.decide(thresholds, answer.level(), answer.authorization(), "model: " + rationale);
        if (answer.outcome() == ReviewAnswer.Outcome.ALLOW && !(own instanceof Review.Approve)) {
            return new Review.AskHuman("the model reviewer's answer contradicts itself (outcome allow at risk "
                    + answer.level().wireName() + ", authorization " + answer.authorization().name().toLowerCase(
                    java.util.Locale.ROOT) + "): " + rationale);
        }
        RiskLevel level = answer.level();
        String evidence = "model: " + rationale;
        if (request.verdict().risk().isPresent()) {
            RiskLevel deterministic = DeterministicReviewer.level(request.verdict().risk().get());
            if (deterministic.compareTo(level) > 0) {
                evidence += "; deterministic engine: " + deterministic.wireName() + ", "
                        + request.verdict().risk().get().rationale();
                level = deterministic;
            }
        }
        Review combined = DeterministicReviewer.decide(thresholds, level, answer.authorization(), evidence);
        return switch (answer.outcome()) {
            case DENY -> new Review.Deny("the model reviewer denied it: " + rationale);
            case ASK -> combined instanceof Review.Deny ? combined : new Review.AskHuman(evidence);
            case ALLOW -> combined;
        };
    }

    /** One request and its (capped) response body, within the timeout as a whole. */
    private String exchange(ApprovalRequest request, Optional<String> key)
            throws IOException, TimeoutException, InterruptedException, ReviewAnswer.Unusable {
        HttpRequest.Builder http = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ReviewPrompt.body(settings.model(), request)));
        key.ifPresent(k -> http.header("Authorization", "Bearer " + k));
        CompletableFuture<String> body = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("warden-model-review").start(() -> {
            try {
                HttpResponse<InputStream> response = client.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    byte[] bytes = in.readNBytes(MAX_BODY + 1);
                    if (bytes.length > MAX_BODY) {
                        body.completeExceptionally(new ReviewAnswer.Unusable("the answer is larger than "
                                + MAX_BODY + " bytes"));
                    } else if (response.statusCode() != 200) {
                        body.completeExceptionally(new IOException("HTTP " + response.statusCode()));
                    } else {
                        body.complete(new String(bytes, StandardCharsets.UTF_8));
                    }
                }
            } catch (Throwable e) {
                body.completeExceptionally(e);
            }
        });
        try {
            return body.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReviewAnswer.Unusable unusable) {
                throw unusable;
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } finally {
            worker.interrupt();
        }
    }

    private static String mask(String text, Optional<String> key) {
        return key.filter(k -> k.length() >= 4).map(k -> text.replace(k, "[api key]")).orElse(text);
    }
}
