// Only 'en' data is bundled; Node's default locale is 'en-US' and reports it as such, so the
// same data is registered under both tags while the locale-data modules that follow load.
// Not for PluralRules: ICU has en-US plurals only as 'en', and V8 reports that.
import { Intl } from './global.js';

export const withLocaleData = ['NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat', 'ListFormat', 'DisplayNames'];
export const originalAdd = new Map();
for (const name of withLocaleData) {
  const C = Intl[name];
  const add = C.__addLocaleData;
  originalAdd.set(name, add);
  C.__addLocaleData = function (...data) {
    if (name === 'DateTimeFormat') data.forEach(atTime);
    add.apply(this, data);
    add.apply(this, data.filter((d) => d.locale === 'en').map((d) => ({ ...d, locale: 'en-US' })));
  };
}

// ICU joins a full or long dateStyle to a timeStyle with CLDR's "atTime" pattern, which this
// data lacks.
function atTime(d) {
  const formats = d.data && d.data.dateTimeFormat;
  if (d.locale !== 'en' || !formats) return;
  formats.full = formats.long = "{1} 'at' {0}";
}
