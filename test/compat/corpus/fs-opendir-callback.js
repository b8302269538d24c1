'use strict';
const common = require('../common');
const assert = require('assert');
const fs = require('fs');
const fixtures = require('../common/fixtures');
fs.opendir(fixtures.path('dir'), common.mustSucceed((dir) => {
  const names = [];
  const next = () => dir.read(common.mustSucceed((ent) => {
    if (ent === null) {
      console.log(names.sort());
      dir.close(common.mustSucceed());
      return;
    }
    names.push(`${ent.name}:${ent.isDirectory()}`);
    next();
  }));
  next();
}));
