// require('internal/util/inspect') under --expose-internals (see ../../node_internals.js).
import {
  inspect, format, formatWithOptions, getStringWidth, stripVTControlCharacters, inspectDefaultOptions, customInspectSymbol,
} from 'qjsw:internal/util/inspect';

export { inspect, format, formatWithOptions, getStringWidth, stripVTControlCharacters, inspectDefaultOptions };
export default { inspect, format, formatWithOptions, getStringWidth, stripVTControlCharacters, inspectDefaultOptions, customInspectSymbol };
