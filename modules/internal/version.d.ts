// Types of version.js for the host CLI, which shares the guest's constants.
export declare const NODE_VERSION: string
export declare const NODE_MODULES_ABI: string
export declare const NODE_UV_VERSION: string
export declare const QUICKJS_VERSION: string
