'use strict';
// BigInt conversions, weak collections' keys and malformed URIs in V8's words (QuickJS patch
// 099).
require('../common');
const out = [];
const t = (label, f) => { try { f(); out.push(`${label}: no error`); } catch (e) { out.push(`${label}: ${e.name}: ${e.message}`); } };
t("bigint 1.5", () => BigInt(1.5));
t("bigint NaN", () => BigInt(NaN));
t("bigint Inf", () => BigInt(Infinity));
t("bigint undef", () => BigInt(undefined));
t("bigint null", () => BigInt(null));
t("bigint sym", () => BigInt(Symbol("s")));
t("bigint abc", () => BigInt("abc"));
t("bigint -0.5", () => BigInt(-0.5));
t("bigint big", () => BigInt(1.5e300));
t("BigInt.asIntN", () => BigInt.asIntN(8, 1.5));
t("asUintN undefined", () => BigInt.asUintN(8, undefined));
t("asIntN str", () => BigInt.asIntN(8, "x1"));
t("weakmap", () => new WeakMap().set(1, 1));
t("weakset", () => new WeakSet().add(1));
t("weakmap ctor", () => new WeakMap([[1, 1]]));
t("decode %", () => decodeURIComponent("%"));
t("decode %zz", () => decodeURIComponent("%zz"));
t("decode utf8", () => decodeURIComponent("%ff"));
t("encode surrogate", () => encodeURIComponent("\ud800"));
t("decodeURI", () => decodeURI("%"));
t("bigint obj", () => BigInt({}));
t("bigint obj valueOf", () => BigInt({ valueOf() { return 1.5; } }));
console.log(out.join('\n'));
