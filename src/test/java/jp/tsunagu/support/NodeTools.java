package jp.tsunagu.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node tools the suite runs (the linters, the TypeScript compiler, Playwright), pinned in
 * {@code src/test/node/package-lock.json} and installed with {@code npm ci} from the npm registry the first time a
 * test needs them (a fresh clone, CI). Node 20 and npm are on every machine the suite runs on.
 */
public final class NodeTools {

    public static final Path HOME = Path.of("src", "test", "node").toAbsolutePath();

    private NodeTools() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Installs the pinned packages unless the installed tree already matches the lock file. */
    public static synchronized void install() {
        Path installed = HOME.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(HOME.resolve("package-lock.json"))) >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Result result = run(HOME, Duration.ofMinutes(10), null, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + HOME + " failed:\n" + result.output());
        }
    }

    /** A binary of an installed package, e.g. {@code tsc}. */
    public static String bin(String name) {
        return HOME.resolve("node_modules").resolve(".bin").resolve(name).toString();
    }

    public static Result run(Path dir, Duration timeout, String stdin, Map<String, String> env, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        try {
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = ("(output lost: " + e + ")").getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                reader.join(5_000);
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeout);
            }
            reader.join();
            return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
