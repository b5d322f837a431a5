// Peer for bench/run.py: citation-js converting BibTeX files the way its CLI does, in one process.
// usage: node citationjs_convert.js FORMAT STYLE.csl|- FILE.bib... > output
//   FORMAT: ris | csl-json | bibliography (then STYLE.csl is the CSL file to render with)
//   FORMAT filter: prints the input without the entries citation-js cannot parse (one bad
//   value makes citation-js reject a whole file, so the benchmark compares on this subset)
const fs = require('fs')
const path = require('path')
const root = process.env.PEERS_NODE || '/tmp/peers/node'
const { Cite, plugins } = require(path.join(root, 'node_modules/@citation-js/core'))
require(path.join(root, 'node_modules/@citation-js/plugin-bibtex'))
require(path.join(root, 'node_modules/@citation-js/plugin-ris'))
require(path.join(root, 'node_modules/@citation-js/plugin-csl'))
const [format, style, ...files] = process.argv.slice(2)
const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n')
if (format === 'filter') {
  const blocks = text.split(/^(?=@)/m)
  const strings = blocks.filter((b) => /^@string\b/i.test(b)).join('')
  const kept = blocks.filter((b) => {
    if (!/^@\w/.test(b) || /^@(string|preamble|comment)\b/i.test(b)) return true
    try { return new Cite(strings + b).data.length > 0 } catch (e) { return false }
  })
  process.stdout.write(kept.join(''))  // no process.exit: it would cut a piped write short
} else {
  process.stdout.write(convert(new Cite(text)) + '\n')
}

function convert (cite) {
  if (format === 'ris') return cite.format('ris')
  if (format === 'csl-json') return cite.format('data')  // as citation-js's CLI does
  plugins.config.get('@csl').styles.add('bench', fs.readFileSync(style, 'utf8'))
  return cite.format('bibliography', { format: 'text', template: 'bench', lang: 'en-US' })
}
