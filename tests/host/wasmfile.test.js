// host/wasmfile.js: recognising wasm and reading the limits of an imported memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { isWasm, memoryImport } from '../../host/wasmfile.js';
import { guest } from './helpers.js';

test('isWasm wants the magic number and version 1', () => {
  assert.ok(isWasm(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)));
  assert.ok(!isWasm(Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0)));
  assert.ok(!isWasm(Buffer.from('#!/bin/sh\n')));
  assert.ok(!isWasm(new Uint8Array(0)));
});

test('memoryImport reads the limits of a guest built with --shared-memory', () => {
  const lim = memoryImport(fs.readFileSync(guest('hello')));
  assert.equal(lim.shared, true);
  assert.equal(lim.maximum, 65536);
  assert.ok(lim.initial >= 1 && lim.initial < 16);
  assert.equal(memoryImport(fs.readFileSync(guest('hello')), 'env', 'other'), null);
});

test('memoryImport: a module without imports, and a truncated one', () => {
  const noImports = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  assert.equal(memoryImport(noImports), null);
  // An import section claiming more bytes than the file has.
  assert.throws(() => memoryImport(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 0x20, 1)));
  // One import whose name runs off the end.
  assert.throws(() => memoryImport(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 3, 1, 9, 0x65)));
});
