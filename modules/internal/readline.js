// The Interface of node:readline and node:readline/promises over any readable stream: lines
// split as Node splits them (\n, \r\n, a lone \r, with crlfDelay for a \r\n cut between two
// chunks), question/prompt, pause/resume/close events, history, the async iterator with
// Node's watermarks, and the terminal basics (a line being edited, its cursor, Enter and
// Backspace). Full terminal line editing (key bindings, completion, kill ring) is not here.
import { EventEmitter } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { emitKeypressEvents } from 'qjsw:internal/readline_keys';
import { inspect, stripVTControlCharacters } from 'node:util';
import { getStringWidth } from 'qjsw:internal/util/inspect';
import { invalidArgType, invalidArgValue, nodeError, outOfRange } from 'qjsw:internal/errors';

const kHistorySize = 30;
const kMincrlfDelay = 100;
const lineEnding = /\r?\n|\r(?!\n)/g;
const useAfterClose = () => nodeError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');

const kLineBuffer = Symbol('_line_buffer');
const kSawReturnAt = Symbol('_sawReturnAt');
const kDecoder = Symbol('_decoder');
const kPrompt = Symbol('_prompt');
const kOldPrompt = Symbol('_oldPrompt');
const kQuestionCallback = Symbol('_questionCallback');
const kLineObjectStream = Symbol('line object stream');
export const kQuestion = Symbol('_question');
export const kQuestionCancel = Symbol('_questionCancel');
const kOnLine = Symbol('_onLine');
const kNormalWrite = Symbol('_normalWrite');
const kTtyWrite = Symbol('_ttyWrite');
export const kWriteToOutput = Symbol('_writeToOutput');
const kAddHistory = Symbol('_addHistory');
const kSetRawMode = Symbol('_setRawMode');
const kRefreshLine = Symbol('_refreshLine');
const kMoveCursor = Symbol('_moveCursor');
const kInsertString = Symbol('_insertString');
const kLine = Symbol('_line');
const kPreviousKey = Symbol('_previousKey');
const kSubstringSearch = Symbol('_substringSearch');
const kKillRing = Symbol('_killRing');
const kKillRingCursor = Symbol('_killRingCursor');
const kYanking = Symbol('_yanking');
const kUndoStack = Symbol('_undoStack');
const kRedoStack = Symbol('_redoStack');
const kUndo = Symbol('_undo');
const kRedo = Symbol('_redo');
const kBeforeEdit = Symbol('_beforeEdit');
export const kTabComplete = Symbol('_tabComplete');
export const kTabCompleter = Symbol('_tabCompleter');
const kWordLeft = Symbol('_wordLeft');
const kWordRight = Symbol('_wordRight');
const kDeleteLeft = Symbol('_deleteLeft');
const kDeleteRight = Symbol('_deleteRight');
const kDeleteWordLeft = Symbol('_deleteWordLeft');
const kDeleteWordRight = Symbol('_deleteWordRight');
const kDeleteLineLeft = Symbol('_deleteLineLeft');
const kDeleteLineRight = Symbol('_deleteLineRight');
const kPushToKillRing = Symbol('_pushToKillRing');
const kYank = Symbol('_yank');
const kYankPop = Symbol('_yankPop');
const kHistoryNext = Symbol('_historyNext');
const kHistoryPrev = Symbol('_historyPrev');

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal);
  }
}

export class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    this[kSawReturnAt] = 0;
    this.isCompletionEnabled = true;
    this.escapeCodeTimeout = 500;
    this.tabSize = 8;
    let history;
    let historySize;
    let removeHistoryDuplicates = false;
    let crlfDelay;
    let prompt = '> ';
    let signal;
    if (input?.input) {
      output = input.output;
      completer = input.completer;
      terminal = input.terminal;
      history = input.history;
      historySize = input.historySize;
      signal = input.signal;
      if (input.tabSize !== undefined) {
        // (Node's validateUint32(tabSize, 'tabSize', true))
        if (typeof input.tabSize !== 'number') throw invalidArgType('tabSize', 'number', input.tabSize);
        if (!Number.isInteger(input.tabSize)) throw outOfRange('tabSize', 'an integer', input.tabSize);
        if (input.tabSize < 1 || input.tabSize > 2 ** 32 - 1) throw outOfRange('tabSize', '>= 1 && <= 4294967295', input.tabSize);
        this.tabSize = input.tabSize;
      }
      removeHistoryDuplicates = input.removeHistoryDuplicates;
      if (input.prompt !== undefined) prompt = input.prompt;
      if (input.escapeCodeTimeout !== undefined) {
        if (Number.isFinite(input.escapeCodeTimeout)) this.escapeCodeTimeout = input.escapeCodeTimeout;
        else throw invalidArgValue('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
      validateAbortSignal(signal, 'options.signal');
      crlfDelay = input.crlfDelay;
      input = input.input;
    }
    if (completer !== undefined && typeof completer !== 'function') throw invalidArgValue('completer', completer);
    if (history === undefined) history = [];
    else if (!Array.isArray(history)) throw invalidArgType('history', 'Array', history);
    if (historySize === undefined) historySize = kHistorySize;
    if (typeof historySize !== 'number') throw invalidArgType('historySize', 'number', historySize);
    if (historySize < 0 || Number.isNaN(historySize)) throw outOfRange('historySize', '>= 0', historySize);
    if (terminal === undefined && output != null) terminal = !!output.isTTY;

    this.line = '';
    this[kSubstringSearch] = null;
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this[kKillRing] = [];
    this[kKillRingCursor] = 0;
    this.output = output;
    this.input = input;
    this.history = history;
    this.historySize = historySize;
    this.removeHistoryDuplicates = !!removeHistoryDuplicates;
    this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
    this.completer = completer;
    this.setPrompt(prompt);
    this.terminal = !!terminal;
    this[kLineObjectStream] = undefined;

    const onerror = (err) => this.emit('error', err);
    input.on('error', onerror);
    if (!this.terminal) {
      const ondata = (data) => this[kNormalWrite](data);
      const onend = () => {
        if (typeof this[kLineBuffer] === 'string' && this[kLineBuffer].length > 0) this.emit('line', this[kLineBuffer]);
        this.close();
      };
      input.on('data', ondata);
      input.on('end', onend);
      this.once('close', () => {
        input.removeListener('data', ondata);
        input.removeListener('error', onerror);
        input.removeListener('end', onend);
      });
      this[kDecoder] = new StringDecoder('utf8');
    } else {
      const onkeypress = (str, key) => this[kTtyWrite](str, key);
      const ontermend = () => {
        if (typeof this.line === 'string' && this.line.length > 0) this.emit('line', this.line);
        this.close();
      };
      const onresize = () => this[kRefreshLine]();
      emitKeypressEvents(input, this);
      input.on('keypress', onkeypress);
      input.on('end', ontermend);
      this[kSetRawMode](true);
      this.terminal = true;
      this.cursor = 0;
      this.historyIndex = -1;
      if (output != null) output.on('resize', onresize);
      this.once('close', () => {
        input.removeListener('keypress', onkeypress);
        input.removeListener('error', onerror);
        input.removeListener('end', ontermend);
        if (output != null) output.removeListener('resize', onresize);
      });
    }
    if (signal) {
      const onAborted = () => this.close();
      if (signal.aborted) process.nextTick(onAborted);
      else {
        signal.addEventListener('abort', onAborted, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAborted));
      }
    }
    this.line = '';
    input.resume();
  }
  get columns() {
    return this.output?.columns || Infinity;
  }
  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }
  getPrompt() {
    return this[kPrompt];
  }
  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }
  question(query, options, cb) {
    cb = typeof options === 'function' ? options : cb;
    if (options === null || typeof options !== 'object') options = {};
    if (options.signal) {
      validateAbortSignal(options.signal, 'options.signal');
      if (options.signal.aborted) return;
      const onAbort = () => this[kQuestionCancel]();
      options.signal.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => options.signal.removeEventListener('abort', onAbort);
      const originalCb = cb;
      cb = typeof cb === 'function' ? (answer) => {
        cleanup();
        return originalCb(answer);
      } : cleanup;
    }
    if (typeof cb === 'function') this[kQuestion](query, cb);
  }
  [kQuestion](query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }
  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }
  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }
  [kWriteToOutput](text) {
    if (typeof text !== 'string') throw invalidArgType('stringToWrite', 'string', text);
    if (this.output != null) this.output.write(text);
  }
  [kAddHistory]() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }
  clearLine() {
    this[kMoveCursor](+Infinity);
    this[kWriteToOutput]('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }
  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }
  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit('close');
  }
  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }
  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }
  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }
  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let found = lineEnding.exec(string);
    if (found !== null) {
      if (this[kLineBuffer]) {
        string = this[kLineBuffer] + string;
        this[kLineBuffer] = null;
        lineEnding.lastIndex = 0;
        found = lineEnding.exec(string);
      }
      this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
      const indexes = [0, found.index, lineEnding.lastIndex];
      let next;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      this[kLineBuffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) this[kOnLine](string.slice(indexes[i - 1], indexes[i]));
    } else if (string) {
      if (this[kLineBuffer]) this[kLineBuffer] += string;
      else this[kLineBuffer] = string;
    }
  }
  // Terminal line editing as Node's interface does it: keys from emitKeypressEvents (or
  // write(data, key)), Emacs-style bindings, history with prefix search, kill and yank,
  // undo/redo, and the line redrawn on the output.
  [kTtyWrite](s, key) {
    const previousKey = this[kPreviousKey];
    key = key || {};
    this[kPreviousKey] = key;
    if (!key.meta || key.name !== 'y') this[kYanking] = false;
    if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
      if (this[kSubstringSearch] == null) this[kSubstringSearch] = this.line.slice(0, this.cursor);
    } else if (this[kSubstringSearch] != null) {
      this[kSubstringSearch] = null;
      if (this.history.length === this.historyIndex) this.historyIndex = -1;
    }
    if (typeof key.sequence === 'string') {
      const first = key.sequence.codePointAt(0);
      if (first === 0x1f) return this[kUndo]();
      if (first === 0x1e) return this[kRedo]();
    }
    if (key.name === 'escape') return;
    if (key.ctrl && key.shift) {
      if (key.name === 'backspace') this[kDeleteLineLeft]();
      else if (key.name === 'delete') this[kDeleteLineRight]();
    } else if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
          else this.close();
          break;
        case 'h': this[kDeleteLeft](); break;
        case 'd':
          if (this.cursor === 0 && this.line.length === 0) this.close();
          else if (this.cursor < this.line.length) this[kDeleteRight]();
          break;
        case 'u': this[kDeleteLineLeft](); break;
        case 'k': this[kDeleteLineRight](); break;
        case 'a': this[kMoveCursor](-Infinity); break;
        case 'e': this[kMoveCursor](+Infinity); break;
        case 'b': this[kMoveCursor](-charLengthLeft(this.line, this.cursor)); break;
        case 'f': this[kMoveCursor](+charLengthAt(this.line, this.cursor)); break;
        case 'l':
          cursorTo(this.output, 0, 0);
          clearScreenDown(this.output);
          this[kRefreshLine]();
          break;
        case 'n': this[kHistoryNext](); break;
        case 'p': this[kHistoryPrev](); break;
        case 'y': this[kYank](); break;
        case 'z':
          if (this.listenerCount('SIGTSTP') > 0) this.emit('SIGTSTP');
          break;
        case 'w':
        case 'backspace': this[kDeleteWordLeft](); break;
        case 'delete': this[kDeleteWordRight](); break;
        case 'left': this[kWordLeft](); break;
        case 'right': this[kWordRight](); break;
      }
    } else if (key.meta) {
      switch (key.name) {
        case 'b': this[kWordLeft](); break;
        case 'f': this[kWordRight](); break;
        case 'd':
        case 'delete': this[kDeleteWordRight](); break;
        case 'backspace': this[kDeleteWordLeft](); break;
        case 'y': this[kYankPop](); break;
      }
    } else {
      if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
      switch (key.name) {
        case 'return':
          this[kSawReturnAt] = Date.now();
          this[kLine]();
          break;
        case 'enter':
          if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this[kLine]();
          this[kSawReturnAt] = 0;
          break;
        case 'backspace': this[kDeleteLeft](); break;
        case 'delete': this[kDeleteRight](); break;
        case 'left': this[kMoveCursor](-charLengthLeft(this.line, this.cursor)); break;
        case 'right': this[kMoveCursor](+charLengthAt(this.line, this.cursor)); break;
        case 'home': this[kMoveCursor](-Infinity); break;
        case 'end': this[kMoveCursor](+Infinity); break;
        case 'up': this[kHistoryPrev](); break;
        case 'down': this[kHistoryNext](); break;
        case 'tab':
          if (typeof this.completer === 'function' && this.isCompletionEnabled) {
            this[kTabComplete](previousKey && previousKey.name === 'tab');
            break;
          }
        // falls through
        default:
          if (typeof s === 'string' && s) {
            lineEnding.lastIndex = 0;
            let next;
            let lastIndex = 0;
            while ((next = lineEnding.exec(s)) !== null) {
              this[kInsertString](s.slice(lastIndex, next.index));
              ({ lastIndex } = lineEnding);
              this[kLine]();
              lineEnding.lastIndex = lastIndex;
            }
            this[kInsertString](s.slice(lastIndex));
          }
      }
    }
  }
  [kLine]() {
    const line = this[kAddHistory]();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this[kOnLine](line);
  }
  [kBeforeEdit](oldText, oldCursor) {
    this[kUndoStack] ??= [];
    this[kUndoStack].push({ text: oldText, cursor: oldCursor });
    if (this[kUndoStack].length > 2048) this[kUndoStack].shift();
    this[kRedoStack] = [];
  }
  [kUndo]() {
    if (!this[kUndoStack]?.length) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }
  [kRedo]() {
    if (!this[kRedoStack]?.length) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  }
  [kInsertString](c) {
    this[kBeforeEdit](this.line, this.cursor);
    if (this.cursor < this.line.length) {
      this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
      this.cursor += c.length;
      this[kRefreshLine]();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this[kRefreshLine]();
      else this[kWriteToOutput](c);
    }
  }
  // The completer answers through a callback (two parameters), by returning the result, or
  // by a promise; a synchronous answer completes before write() returns, as in Node.
  [kTabComplete](lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    const done = (err, value) => {
      this.resume();
      if (err) {
        this[kWriteToOutput](`Tab completion error: ${inspect(err)}`);
        return;
      }
      this[kTabCompleter](lastKeypressWasTab, value);
    };
    if (this.completer.length === 2) {
      this.completer(string, done);
      return;
    }
    let result;
    try {
      result = this.completer(string);
    } catch (err) {
      done(err);
      return;
    }
    if (result && typeof result.then === 'function') result.then((v) => done(null, v), done);
    else done(null, result);
  }
  [kTabCompleter](lastKeypressWasTab, { 0: completions, 1: completeOn }) {
    if (!completions || completions.length === 0) return;
    const candidates = completions.filter((e) => e !== '');
    let prefix = candidates[0] ?? '';
    for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this[kInsertString](prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix + this.line.slice(this.cursor);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this[kRefreshLine]();
      return;
    }
    if (!lastKeypressWasTab) return;
    this[kBeforeEdit](this.line, this.cursor);
    // The candidates in columns as wide as the widest, an empty candidate starting a group.
    const widths = completions.map((e) => displayPos(e, Infinity, this.tabSize).cols);
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let lineIndex = 0;
    let whitespace = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || lineIndex === maxColumns) {
        output += '\r\n';
        lineIndex = 0;
        whitespace = 0;
      } else {
        output += ' '.repeat(whitespace);
      }
      if (completion !== '') {
        output += completion;
        whitespace = width - widths[i];
        lineIndex++;
      } else {
        output += '\r\n';
      }
    }
    if (lineIndex !== 0) output += '\r\n\r\n';
    this[kWriteToOutput](output);
    this[kRefreshLine]();
  }
  [kMoveCursor](dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this[kRefreshLine]();
  }
  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    const dispPos = displayPos(line, this.columns, this.tabSize);
    const cursorPos = this.getCursorPos();
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this[kWriteToOutput](line);
    if (dispPos.cols === 0) this[kWriteToOutput](' ');
    cursorTo(this.output, cursorPos.cols);
    const diff = dispPos.rows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }
  [kWordLeft]() {
    if (this.cursor > 0) {
      const reversed = [...this.line.slice(0, this.cursor)].reverse().join('');
      this[kMoveCursor](-/^\s*(?:[^\w\s]+|\w+)?/.exec(reversed)[0].length);
    }
  }
  [kWordRight]() {
    if (this.cursor < this.line.length) {
      this[kMoveCursor](/^(?:\s+|[^\w\s]+|\w+)\s*/.exec(this.line.slice(this.cursor))[0].length);
    }
  }
  [kDeleteLeft]() {
    if (this.cursor > 0 && this.line.length > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - size) + this.line.slice(this.cursor);
      this.cursor -= size;
      this[kRefreshLine]();
    }
  }
  [kDeleteRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + size);
      this[kRefreshLine]();
    }
  }
  [kDeleteWordLeft]() {
    if (this.cursor > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      let leading = this.line.slice(0, this.cursor);
      const reversed = [...leading].reverse().join('');
      const match = /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed);
      leading = leading.slice(0, leading.length - match[0].length);
      this.line = leading + this.line.slice(this.cursor);
      this.cursor = leading.length;
      this[kRefreshLine]();
    }
  }
  [kDeleteWordRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this[kRefreshLine]();
    }
  }
  [kDeleteLineLeft]() {
    this[kBeforeEdit](this.line, this.cursor);
    const del = this.line.slice(0, this.cursor);
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this[kPushToKillRing](del);
    this[kRefreshLine]();
  }
  [kDeleteLineRight]() {
    this[kBeforeEdit](this.line, this.cursor);
    const del = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor);
    this[kPushToKillRing](del);
    this[kRefreshLine]();
  }
  [kPushToKillRing](del) {
    if (!del || del === this[kKillRing][0]) return;
    this[kKillRing].unshift(del);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > 32) this[kKillRing].pop();
  }
  [kYank]() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this[kInsertString](this[kKillRing][this[kKillRingCursor]]);
    }
  }
  [kYankPop]() {
    if (!this[kYanking] || this[kKillRing].length <= 1) return;
    const last = this[kKillRing][this[kKillRingCursor]];
    this[kKillRingCursor] = (this[kKillRingCursor] + 1) % this[kKillRing].length;
    const tail = this.line.slice(this.cursor);
    const head = this.line.slice(0, this.cursor - last.length) + this[kKillRing][this[kKillRingCursor]];
    this.line = head + tail;
    this.cursor = head.length;
    this[kRefreshLine]();
  }
  [kHistoryNext]() {
    if (this.historyIndex >= 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex - 1;
      while (index >= 0 && (!this.history[index].startsWith(search) || this.line === this.history[index])) index--;
      this.line = index === -1 ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }
  [kHistoryPrev]() {
    if (this.historyIndex < this.history.length && this.history.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const search = this[kSubstringSearch] || '';
      let index = this.historyIndex + 1;
      while (index < this.history.length && (!this.history[index].startsWith(search) || this.line === this.history[index])) index++;
      this.line = index === this.history.length ? search : this.history[index];
      this.historyIndex = index;
      this.cursor = this.line.length;
      this[kRefreshLine]();
    }
  }
  getCursorPos() {
    return displayPos(this[kPrompt] + this.line.slice(0, this.cursor ?? 0), this.columns, this.tabSize);
  }
  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) this[kLineObjectStream] = lineIterator(this, 1024, 1);
    return this[kLineObjectStream];
  }
}

const charLengthAt = (str, i) => (str.length <= i ? 1 : str.codePointAt(i) >= 0x10000 ? 2 : 1);
const charLengthLeft = (str, i) => (i <= 0 ? 0 : (i > 1 && str.codePointAt(i - 2) >= 0x10000) ? 2 : 1);

// Where a string leaves the cursor on a terminal `columns` wide: newlines, tab stops, wide
// characters that do not fit at a row's end.
function displayPos(str, col, tabSize) {
  let offset = 0;
  let rows = 0;
  for (const char of stripVTControlCharacters(str)) {
    if (char === '\n') {
      rows += Math.ceil(offset / col) || 1;
      offset = 0;
      continue;
    }
    if (char === '\t') {
      offset += tabSize - (offset % tabSize);
      continue;
    }
    const width = getStringWidth(char, false);
    if (width === 0 || width === 1) offset += width;
    else {
      if ((offset + 1) % col === 0) offset++;
      offset += 2;
    }
  }
  const cols = offset % col;
  rows += (offset - cols) / col;
  return { cols, rows };
}

// Lines as an async iterator, as events.on(rl, 'line', { close: ['close'], highWatermark })
// makes it in Node: the interface is paused while more than `high` lines wait, resumed below
// `low`; an 'error' rejects the next read.
function lineIterator(rl, high, low) {
  const queue = [];
  const waiting = [];
  let error = null;
  let finished = false;
  let paused = false;
  const onLine = (line) => {
    if (waiting.length) {
      waiting.shift().resolve({ value: line, done: false });
      return;
    }
    queue.push(line);
    if (!paused && queue.length > high) {
      paused = true;
      rl.pause();
    }
  };
  const onError = (err) => {
    if (waiting.length) waiting.shift().reject(err);
    else error = err;
    closeHandler();
  };
  const closeHandler = () => {
    rl.removeListener('line', onLine);
    rl.removeListener('error', onError);
    rl.removeListener('close', closeHandler);
    finished = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  };
  rl.on('line', onLine);
  rl.on('error', onError);
  rl.on('close', closeHandler);
  if (rl.closed) closeHandler();
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  return Object.setPrototypeOf({
    next() {
      if (queue.length) {
        const value = queue.shift();
        if (paused && queue.length < low) {
          rl.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      // Leaving a for await loop closes the interface, as in Node.
      rl.close();
      return closeHandler();
    },
    throw(err) {
      if (!(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err);
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    [Symbol.for('nodejs.watermarkData')]: {
      get size() { return queue.length; },
      get low() { return low; },
      get high() { return high; },
      get isPaused() { return paused; },
    },
  }, AsyncIteratorPrototype);
}


const CSI = '\x1b[';
function validateCallback(cb) {
  if (cb !== undefined && typeof cb !== 'function') throw invalidArgType('callback', 'Function', cb);
}
export function cursorTo(stream, x, y, callback) {
  validateCallback(callback);
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw invalidArgValue('x', x);
  if (Number.isNaN(y)) throw invalidArgValue('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') throw nodeError(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}
export function moveCursor(stream, dx, dy, callback) {
  validateCallback(callback);
  if (stream == null || !(dx || dy)) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return stream.write(data, callback);
}
export function clearLine(stream, dir, callback) {
  validateCallback(callback);
  if (stream == null) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`, callback);
}
export function clearScreenDown(stream, callback) {
  validateCallback(callback);
  if (stream == null) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(`${CSI}0J`, callback);
}
export { emitKeypressEvents };

// The underscore methods node:readline's Interface still has for older callers.
export const legacyMethods = {
  _setRawMode: kSetRawMode, _onLine: kOnLine, _writeToOutput: kWriteToOutput, _addHistory: kAddHistory,
  _refreshLine: kRefreshLine, _normalWrite: kNormalWrite, _insertString: kInsertString, _tabComplete: kTabComplete,
  _wordLeft: kWordLeft, _wordRight: kWordRight, _deleteLeft: kDeleteLeft, _deleteRight: kDeleteRight,
  _deleteWordLeft: kDeleteWordLeft, _deleteWordRight: kDeleteWordRight, _deleteLineLeft: kDeleteLineLeft,
  _deleteLineRight: kDeleteLineRight, _line: kLine, _historyNext: kHistoryNext, _historyPrev: kHistoryPrev,
  _moveCursor: kMoveCursor, _ttyWrite: kTtyWrite,
};
