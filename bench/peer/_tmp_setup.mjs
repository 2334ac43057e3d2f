/* global console, setInterval, process */
import { writeFileSync, mkdirSync } from 'node:fs';
import { stringify } from 'yaml';
import { createOrganization, startMoto } from './moto.js';
import { bulkheadSpec, twelveAccounts, hundredAccounts } from './orgs.js';
const moto = await startMoto();
createOrganization(moto.endpoint);
const size = process.argv[2] === '100' ? hundredAccounts : twelveAccounts;
mkdirSync('/tmp/h/w', { recursive: true });
writeFileSync('/tmp/h/w/org.yaml', stringify(bulkheadSpec(size()), { lineWidth: 0 }));
writeFileSync('/tmp/h/endpoint', moto.endpoint);
console.log(moto.endpoint);
setInterval(() => {}, 1e6);
