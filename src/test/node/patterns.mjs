// Compiles every pattern of the contract with the ECMA-262 engine (V8, 'u' flag as JSON Schema requires) and tests
// each probe as JSON Schema does: a pattern matches anywhere in the value unless it is anchored.
// stdin: {"patterns": ["^[0-9]{6}$", ...], "probes": ["142034", ...]}
// stdout: {"^[0-9]{6}$": {"error": null, "matches": [true, false, ...]}, ...}
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { patterns, probes } = JSON.parse(input);
  const out = {};
  for (const pattern of patterns) {
    try {
      const re = new RegExp(pattern, 'u');
      out[pattern] = { error: null, matches: probes.map((p) => re.test(p)) };
    } catch (e) {
      out[pattern] = { error: String(e.message), matches: [] };
    }
  }
  process.stdout.write(JSON.stringify(out));
});
