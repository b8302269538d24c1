// The sandbox's network: its loopback interface and nothing else. Servers the guest listens with
// are bound in this table; a connection to a loopback address reaches them, one to any other
// address fails as before (qjsw:internal/unavailable). Nothing here leaves the guest: a child
// process or another sandbox has its own table, as a process in its own network namespace.
// A run starts with no bindings, as a new process would.
import { onRunReset } from 'qjsw:internal/loop';
import { isIP, uvHostPortError } from 'qjsw:internal/unavailable';

const bindings = new Map(); // port -> [{ server, address, family, v6only }]
onRunReset(() => bindings.clear());

// Linux's ephemeral range (net.ipv4.ip_local_port_range); each run starts at a different place
// in it, as a kernel's hash does.
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;
const randomEphemeral = () => EPHEMERAL_LOW + Math.floor(Math.random() * (EPHEMERAL_HIGH - EPHEMERAL_LOW));
let nextEphemeral = randomEphemeral();
const clientPorts = new Set();
// (and a new place in the range: the ports a run gets say nothing of an earlier run's)
onRunReset(() => {
  nextEphemeral = randomEphemeral();
});

export function isLoopback(address) {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1' || /^::ffff:127\./i.test(address);
}
const isAny = (address) => address === '0.0.0.0' || address === '::';
// '::ffff:127.0.0.1' is 127.0.0.1 as an IPv6 socket names it
const plain = (address) => address.replace(/^::ffff:(?=\d+\.)/i, '');

// Whether a binding to `address` receives connections for `target` (a loopback address).
function accepts(binding, target) {
  const v4 = isIP(plain(target)) === 4;
  if (binding.address === '::') return !(v4 && binding.v6only);
  if (binding.address === '0.0.0.0') return v4;
  return plain(binding.address) === plain(target);
}

function overlaps(a, b) {
  if (isAny(a.address) || isAny(b.address)) {
    const families = (x) => (x.address === '::' ? (x.v6only ? [6] : [4, 6]) : [isIP(plain(x.address))]);
    return families(a).some((f) => families(b).includes(f));
  }
  return plain(a.address) === plain(b.address);
}

function used(port) {
  return bindings.has(port) || clientPorts.has(port);
}

function ephemeral() {
  for (let tries = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1; tries > 0; tries--) {
    const port = nextEphemeral;
    nextEphemeral = port === EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
    if (!used(port)) return port;
  }
  return 0;
}

/** Binds `server` to address:port (port 0: an ephemeral one); returns the binding or an error. */
export function bind(server, address, port, v6only = false) {
  if (!isAny(address) && !isLoopback(address)) return uvHostPortError('EADDRNOTAVAIL', 'listen', address, port);
  const binding = { server, address, family: isIP(plain(address)) === 4 && !address.includes(':') ? 'IPv4' : 'IPv6', v6only, port };
  if (port === 0) port = binding.port = ephemeral();
  if (port === 0) return uvHostPortError('EADDRINUSE', 'listen', address, 0);
  const others = bindings.get(port) ?? [];
  if (others.some((other) => overlaps(other, binding))) return uvHostPortError('EADDRINUSE', 'listen', address, port);
  others.push(binding);
  bindings.set(port, others);
  return binding;
}

export function unbind(binding) {
  const others = bindings.get(binding.port);
  if (!others) return;
  const rest = others.filter((other) => other !== binding);
  if (rest.length) bindings.set(binding.port, rest);
  else bindings.delete(binding.port);
}

/** The binding a connection to target:port reaches, if any (the most specific one). */
export function lookupBinding(target, port) {
  const candidates = (bindings.get(port) ?? []).filter((binding) => accepts(binding, target));
  return candidates.find((binding) => !isAny(binding.address)) ?? candidates[0];
}

/** A client's end: its own address and an ephemeral port, released by releasePort. */
export function clientPort() {
  const port = ephemeral();
  if (port !== 0) clientPorts.add(port);
  return port;
}
export function releasePort(port) {
  clientPorts.delete(port);
}
onRunReset(() => clientPorts.clear());
