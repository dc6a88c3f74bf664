#!/usr/bin/env node
/*
 * Runs Approov's own Postman collections with newman against a running Shapes API, adding the assertions
 * the collections lack: every request in a "valid requests" folder, and every open endpoint, must get 200
 * with the right JSON body; every request in an "invalid requests" folder must get 401, body {} and
 * WWW-Authenticate: Approov. The collection files are used unchanged; the assertions are added to an
 * in-memory copy. Exit status 0 only when every run made the expected number of requests and every
 * assertion passed.
 *
 * Usage: npm ci && node acceptance.js http://127.0.0.1:8002
 */
'use strict';

const fs = require('fs');
const path = require('path');
const newman = require('newman');

const SHAPES = ['Circle', 'Triangle', 'Square', 'Rectangle'];
const FORMS = ['Sphere', 'Cone', 'Cube', 'Box'];

const base = process.argv[2];
if (process.argv.length !== 3 || !/^http:\/\/[^/]+$/.test(base)) {
  console.error('Usage: node acceptance.js http://HOST:PORT   (the Shapes API, started with the dummy secret)');
  process.exit(2);
}

// Each run: which collection and folders, where {{DOMAIN}} points, and how many requests it must make
// (so a renamed folder or a changed collection fails here instead of silently testing less).
const RUNS = [
  {
    title: 'Shapes API collection, folders v1 and v2',
    file: 'shapes-api.postman_collection.json',
    folders: ['v1', 'v2'],
    domain: base,
    requests: 13,
  },
  {
    // The Hello World quickstart server protects "/" as /v2/shapes does: same tokens, same answers.
    title: 'Hello World collection, "Approov Token Protected Server", against /v2/shapes',
    file: 'hello-world.postman_collection.json',
    folders: ['Approov Token Protected Server'],
    domain: base + '/v2/shapes',
    requests: 8,
  },
  {
    // ...and its token-binding server protects "/" as /v2/forms does.
    title: 'Hello World collection, "Approov Token Binding Protected Server", against /v2/forms',
    file: 'hello-world.postman_collection.json',
    folders: ['Approov Token Binding Protected Server'],
    domain: base + '/v2/forms',
    requests: 11,
  },
];

/** The Postman test script for one request, and how many assertions it makes. */
function assertionsFor(expectedStatus) {
  const lines = [
    `pm.test('status is ${expectedStatus}', function () { pm.response.to.have.status(${expectedStatus}); });`,
    "pm.test('Content-Type is application/json', function () {",
    "  pm.expect(pm.response.headers.get('Content-Type')).to.equal('application/json');",
    '});',
  ];
  if (expectedStatus === 401) {
    lines.push(
      "pm.test('body is {}', function () { pm.expect(pm.response.text()).to.equal('{}'); });",
      "pm.test('WWW-Authenticate is Approov', function () {",
      "  pm.expect(pm.response.headers.get('WWW-Authenticate')).to.equal('Approov');",
      '});');
    return { lines, count: 4 };
  }
  lines.push(
    "const endpoint = pm.request.url.getPath().split('/').pop();",
    `const expected = { hello: { text: ['Hello, World!'] }, shapes: { shape: ${JSON.stringify(SHAPES)} },`,
    `  forms: { form: ${JSON.stringify(FORMS)} } }[endpoint];`,
    "pm.test('body is the ' + endpoint + ' answer', function () {",
    '  pm.expect(expected, "an endpoint of the Shapes API").to.be.an("object");',
    '  const body = pm.response.json();',
    '  const member = Object.keys(expected)[0];',
    '  pm.expect(Object.keys(body)).to.eql([member]);',
    '  pm.expect(expected[member]).to.include(body[member]);',
    '});');
  return { lines, count: 3 };
}

/**
 * Adds a test script to every request of the collection: 401 under an "invalid requests" folder, 200
 * elsewhere. Returns how many assertions that makes per folder name at the top level.
 */
function addAssertions(items, folderPath, counts) {
  for (const item of items) {
    const itemPath = folderPath.concat(item.name);
    if (Array.isArray(item.item)) {
      addAssertions(item.item, itemPath, counts);
      continue;
    }
    const expectedStatus = folderPath.includes('invalid requests') ? 401 : 200;
    const { lines, count } = assertionsFor(expectedStatus);
    item.event = (item.event || []).filter((event) => event.listen !== 'test');
    item.event.push({ listen: 'test', script: { type: 'text/javascript', exec: lines } });
    counts[folderPath[0] || ''] = (counts[folderPath[0] || ''] || 0) + count;
  }
}

function runNewman(run) {
  const collection = JSON.parse(fs.readFileSync(path.join(__dirname, run.file), 'utf8'));
  const counts = {};
  addAssertions(collection.item, [], counts);
  const assertions = run.folders.reduce((sum, folder) => sum + (counts[folder] || 0), 0);
  console.log(`\n=== ${run.title}\n    {{DOMAIN}} = ${run.domain}`);
  return new Promise((resolve) => {
    newman.run({
      collection,
      folder: run.folders,
      envVar: [{ key: 'DOMAIN', value: run.domain }],
      reporters: ['cli'],
      color: 'off',
      disableUnicode: true,
      timeoutRequest: 10000,
      timeout: 120000,
    }, (error, summary) => {
      const problems = [];
      if (error) {
        problems.push(`newman could not run: ${error.message}`);
      } else {
        const stats = summary.run.stats;
        if (stats.requests.total !== run.requests) {
          problems.push(`expected ${run.requests} requests, newman made ${stats.requests.total}`);
        }
        if (stats.requests.failed > 0) {
          problems.push(`${stats.requests.failed} requests failed to complete`);
        }
        if (stats.assertions.total !== assertions) {
          problems.push(`expected ${assertions} assertions, ${stats.assertions.total} ran`);
        }
        if (stats.assertions.failed > 0 || summary.run.failures.length > 0) {
          problems.push(`${summary.run.failures.length} failures (listed above)`);
        }
      }
      const stats = summary && summary.run.stats;
      resolve({
        run,
        requests: stats ? stats.requests.total : 0,
        assertions: stats ? stats.assertions.total : 0,
        failedAssertions: stats ? stats.assertions.failed : 0,
        problems,
      });
    });
  });
}

(async () => {
  const results = [];
  for (const run of RUNS) {
    results.push(await runNewman(run));
  }
  console.log(`\nApproov Postman acceptance against ${base}:`);
  for (const r of results) {
    console.log(`  ${r.problems.length === 0 ? 'PASS' : 'FAIL'}  ${r.run.title}: ${r.requests} requests, `
      + `${r.assertions} assertions, ${r.failedAssertions} failed`);
    for (const problem of r.problems) {
      console.log(`        ${problem}`);
    }
  }
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const assertions = results.reduce((sum, r) => sum + r.assertions, 0);
  const failed = results.reduce((sum, r) => sum + r.failedAssertions, 0);
  const ok = results.every((r) => r.problems.length === 0);
  console.log(`  ${requests} requests, ${assertions - failed} assertions passed, ${failed} failed: ${ok ? 'PASS' : 'FAIL'}`);
  process.exit(ok ? 0 : 1);
})();
