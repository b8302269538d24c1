exports.greet = (who) => `hello, ${who}, from CommonJS in WasmFS`;
