package jp.tsunagu.bench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The benchmark's baselines (README "Benchmarks"). Off in every deployment: only the benchmark run switches them on
 * ({@code TSUNAGU_BENCHMARK_BASELINES=true}; not {@code tsunagu.bench}, the switch of
 * the opt-in measurements among the tests); while off, every baseline path answers 404 like any unknown path.
 */
@ConfigMapping(prefix = "tsunagu.benchmark")
public interface BenchSettings {

    @WithDefault("false")
    boolean baselines();
}
