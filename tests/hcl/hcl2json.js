// hcl2json.js FILE: prints the JSON form of the HCL file FILE, parsed by a real HCL parser
// (HashiCorp's hcl/v2 compiled to WebAssembly, the npm package @cdktf/hcl2json). Exits 1
// with the parser's message when FILE is not valid HCL. Test-only
// (tests/core/test-sync-export.c); NODE_PATH points at dev.sh's install in the build dir.
'use strict';

const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');

const file = process.argv[2];
parse(file, fs.readFileSync(file, 'utf8')).then(
  (json) => process.stdout.write(JSON.stringify(json)),
  (error) => {
    process.stderr.write(String(error) + '\n');
    process.exit(1);
  });
