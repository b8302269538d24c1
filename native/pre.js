// --pre-js: the extension hook quickjs-emscripten-core's newVariant() looks for.
Module['quickjsEmscriptenInit'] = function () {
  return {
    getWasmMemory: function () {
      return wasmMemory;
    },
  };
};
