// The process's main module (require.main, process.mainModule), kept here rather than on
// Module, where Node has no such property.
let main;
export const setMainModule = (m) => {
  main = m;
};
export const mainModule = () => main;
