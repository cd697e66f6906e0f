//! HTTP tests of the sandbox: real requests on 127.0.0.1, each provider's authentication
//! implemented here by hand from the vendor docs (not borrowed from the sandbox or the clients).

mod common;
mod control;
mod drift;
mod eshouhou;
mod gofive;
mod knobs;
mod lifecycle;
mod mutation;
mod nd;
mod pluuug;
mod throttle;
mod writes;
