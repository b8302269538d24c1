// Types of loop_states.js for the host, which shares the guest's loop states.
export declare const LOOP_READY: 0
export declare const LOOP_EMPTY: -1
export declare const LOOP_RAN_LAST: -2
export declare const LOOP_WAITING: -3
