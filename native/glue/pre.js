// --pre-js: the extension hook quickjs-emscripten-core's newVariant() looks for.
Module["quickjsEmscriptenInit"] = function () {
  return {
    getWasmMemory: function () {
      return wasmMemory
    },
  }
}

// JSPI, where the engine has it (Chromium 137+). One build serves engines with and without
// it: the Wasm code is the same, only the JS boundary differs. qjsw_host_await is imported
// through WebAssembly.Suspending, so a virtual host (OPFS) can make the Wasm stack wait for
// the browser; the exports that run guest code are reached through WebAssembly.promising
// (Module.qjswPromising) by a sandbox that uses such a host. Elsewhere nothing changes.
if (typeof WebAssembly.Suspending == "function" && !Module["instantiateWasm"]) {
  Module["instantiateWasm"] = function (info, receive) {
    var env = Object.assign({}, info["env"])
    env["qjsw_host_await"] = new WebAssembly.Suspending(env["qjsw_host_await"])
    var imports = Object.assign({}, info, { env: env, wasi_snapshot_preview1: env })
    // Emscripten's own loader (locateFile, wasmBinary and streaming all still apply)
    instantiateAsync(wasmBinary, findWasmBinary(), imports, function (result) {
      receive(result["instance"])
    }).catch(readyPromiseReject)
    return {}
  }
  Module["qjswPromising"] = function (name) {
    return WebAssembly.promising(wasmExports[name])
  }
}
