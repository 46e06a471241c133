package dev.warden.audit.redact;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Secrets with the right shapes, made up at test time from a seeded generator, so nothing in the
 * repository looks like a live credential to a secret scanner.
 *
 * @param kind   what it imitates
 * @param text   how it appears (a header, an assignment, a URL...)
 * @param secret the part that must never be stored
 */
public record FakeSecrets(String kind, String text, String secret) {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URLSAFE = ALNUM + "_-";
    private static final String UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @Override
    public String toString() {
        return kind;
    }

    public static List<FakeSecrets> all(long seed) {
        Random r = new Random(seed);
        List<FakeSecrets> out = new ArrayList<>();
        add(out, "github classic token", "ghp_" + pick(r, ALNUM, 36), s -> "git push https://" + s + "@github.com/acme/app.git");
        add(out, "github fine-grained token", "github_pat_" + pick(r, ALNUM, 22) + "_" + pick(r, ALNUM, 59), s -> "GH=" + s);
        add(out, "github app token", "ghs_" + pick(r, ALNUM, 36), s -> "token " + s);
        add(out, "gitlab token", "glpat-" + pick(r, URLSAFE, 20), s -> "curl --header \"PRIVATE-TOKEN: " + s + "\" https://gitlab.example.com/api/v4/projects");
        add(out, "slack bot token", "xoxb-" + digits(r, 12) + "-" + digits(r, 13) + "-" + pick(r, ALNUM, 24), s -> "slack token " + s);
        add(out, "slack webhook", "https://hooks.slack.com/services/T" + pick(r, UPPER_B32, 10) + "/B" + pick(r, UPPER_B32, 10)
                + "/" + pick(r, ALNUM, 24), s -> "curl -X POST -d '{\"text\":\"done\"}' " + s);
        add(out, "openai project key", "sk-proj-" + pick(r, URLSAFE, 74), s -> "OPENAI_KEY_VALUE " + s);
        add(out, "openai legacy key", "sk-" + pick(r, ALNUM, 48), s -> "client = OpenAI(api_key=\"" + s + "\")");
        add(out, "anthropic key", "sk-ant-api03-" + pick(r, URLSAFE, 93) + "AA", s -> "x-api-key: " + s);
        add(out, "aws access key id", "AKIA" + pick(r, UPPER_B32, 16), s -> "aws_access_key_id = " + s);
        add(out, "aws access key id in text", "ASIA" + pick(r, UPPER_B32, 16), s -> "using credentials " + s + " for s3");
        add(out, "aws secret key", awsSecret(r), s -> "aws configure set aws_secret_access_key " + s);
        add(out, "aws secret key alone", awsSecret(r), s -> "the secret is " + s + " ok");
        add(out, "bearer header", pick(r, URLSAFE, 40), s -> "curl -H 'Authorization: Bearer " + s + "' https://api.example.com");
        add(out, "basic header", Base64.getEncoder().encodeToString(("deploy:" + pick(r, ALNUM, 16)).getBytes()),
                s -> "Authorization: Basic " + s);
        add(out, "bearer alone", pick(r, ALNUM, 32) + "." + pick(r, ALNUM, 12), s -> "send Bearer " + s);
        add(out, "url password", pick(r, ALNUM, 18), s -> "git clone https://deploy:" + s + "@git.example.com/app.git");
        add(out, "database url password", pick(r, ALNUM, 14) + "%21", s -> "DATABASE_URL=postgres://app:" + s + "@db:5432/app");
        add(out, "password assignment", pick(r, ALNUM, 16), s -> "export DB_PASSWORD=" + s + " && ./migrate");
        add(out, "quoted secret assignment", pick(r, ALNUM, 20) + " x", s -> "STRIPE_SECRET_KEY=\"" + s + "\" npm start");
        add(out, "json secret field", pick(r, ALNUM, 24), s -> "{\"client_secret\": \"" + s + "\", \"client_id\": \"abc\"}");
        add(out, "yaml password", pick(r, ALNUM, 12), s -> "db:\n  password: " + s + "\n  user: app");
        add(out, "google api key", "AIza" + pick(r, URLSAFE, 35), s -> "key=" + s);
        add(out, "jwt", "eyJ" + pick(r, URLSAFE, 30) + ".eyJ" + pick(r, URLSAFE, 60) + "." + pick(r, URLSAFE, 43), s -> "cookie " + s);
        add(out, "rsa private key", pemPrivateKey(), s -> "cat id_rsa\n" + s + "\n");
        add(out, "openssh private key", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap(Base64.getEncoder().encodeToString(bytes(r, 400)))
                + "\n-----END OPENSSH PRIVATE KEY-----", s -> s);
        add(out, "truncated private key", "-----BEGIN EC PRIVATE KEY-----\n" + wrap(Base64.getEncoder().encodeToString(bytes(r, 90))),
                s -> "head -c 200 key.pem: " + s);
        return out;
    }

    private static void add(List<FakeSecrets> out, String kind, String secret, java.util.function.UnaryOperator<String> shape) {
        out.add(new FakeSecrets(kind, shape.apply(secret), secret));
    }

    /** The random heart of a secret, which must not appear even if the markers around it were cut. */
    public String core() {
        String s = secret;
        if (s.startsWith("-----BEGIN")) {
            String[] lines = s.split("\n");
            return lines[1];
        }
        int cut = Math.max(s.lastIndexOf('-'), Math.max(s.lastIndexOf('_'), s.lastIndexOf('/')));
        String tail = cut >= 0 && s.length() - cut > 12 ? s.substring(cut + 1) : s;
        return tail.length() > 24 ? tail.substring(tail.length() - 24) : tail;
    }

    private static String awsSecret(Random r) {
        while (true) {
            String s = pick(r, ALNUM + "/+", 40);
            if (s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit)) {
                return s;
            }
        }
    }

    private static String pemPrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String wrap(String base64) {
        return base64.replaceAll("(.{70})", "$1\n");
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String digits(Random r, int n) {
        return pick(r, "0123456789", n);
    }

    private static String pick(Random r, String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
