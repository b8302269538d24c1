// node:cluster in the primary of a sandbox that cannot start processes: fork() fails when
// called, as spawning the worker process would (ENOENT).
import { EventEmitter } from 'node:events';
import { fork as forkProcess } from 'node:child_process';

class Cluster extends EventEmitter {}
const cluster = new Cluster();
cluster.isWorker = false;
cluster.isMaster = true;
cluster.isPrimary = true;
cluster.Worker = class Worker extends EventEmitter {};
cluster.workers = {};
cluster.settings = {};
cluster.SCHED_NONE = 1;
cluster.SCHED_RR = 2;
cluster.schedulingPolicy = 2;
cluster.setupPrimary = (settings = {}) => { cluster.settings = { ...cluster.settings, ...settings }; };
cluster.setupMaster = cluster.setupPrimary;
cluster.fork = (env) => {
  const child = forkProcess(cluster.settings.exec ?? process.argv[1] ?? '', cluster.settings.args ?? [], { env });
  const worker = new cluster.Worker();
  worker.process = child;
  child.on('error', (err) => worker.emit('error', err));
  return worker;
};
cluster.disconnect = (cb) => { if (typeof cb === 'function') setImmediate(cb); };

export default cluster;
