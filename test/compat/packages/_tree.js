// Shared by the package scripts: makes a small file tree and lists one, sorted, with file
// contents, so a transcript shows exactly what a package did to the disk.
'use strict';
const fs = require('fs');
const path = require('path');

function makeTree(root, spec) {
  for (const [name, content] of Object.entries(spec)) {
    const p = path.join(root, name);
    if (content !== null && typeof content === 'object') {
      fs.mkdirSync(p, { recursive: true });
      makeTree(p, content);
    } else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }
}

function listTree(root) {
  if (!fs.existsSync(root)) return '<missing>';
  const out = [];
  const walk = (d, rel) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(p);
      if (st.isSymbolicLink()) out.push(`${r} -> ${fs.readlinkSync(p)}`);
      else if (st.isDirectory()) { out.push(`${r}/`); walk(p, r); }
      else out.push(`${r} (${JSON.stringify(fs.readFileSync(p, 'utf8').slice(0, 40))})`);
    }
  };
  walk(root, '');
  return out.join(', ') || '<empty>';
}

function show(label, value) {
  console.log(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

module.exports = { makeTree, listTree, show };
