// Reads [{file, line, tex, display}] as JSON on stdin and prints the ones KaTeX cannot typeset, as JSON.
// Used by FormulaTypesettingTest with the very katex.min.js the platform serves.
const katex = require(process.argv[2]);
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const errors = [];
  for (const f of JSON.parse(input)) {
    try {
      katex.renderToString(f.tex, { displayMode: f.display, throwOnError: true, strict: 'ignore' });
    } catch (e) {
      errors.push({ file: f.file, line: f.line, tex: f.tex, message: String(e.message) });
    }
  }
  process.stdout.write(JSON.stringify(errors));
});
