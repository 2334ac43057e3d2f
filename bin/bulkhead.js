#!/usr/bin/env node
import('../dist/bin/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
    },
    (err) => {
      console.error(err);
      process.exitCode = 70;
    },
  );
