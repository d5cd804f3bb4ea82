//! No heap allocation per record on the batch hot path: once a worker's
//! scratch and output buffer have grown (warm-up), reading a record into
//! slots, evaluating it and writing its answer line allocate nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod batch_support;
mod common;

use batch_support::{Mix, Rng, record};
use polc::batch::{CVal, Plan, Scratch};
use polc::calendar::Calendar;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations made by the current thread while counting is on.
struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<u64> = const { Cell::new(0) };
}

fn note() {
    if ON.with(Cell::get) {
        COUNT.with(|c| c.set(c.get() + 1));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn counted(f: impl FnOnce()) -> u64 {
    COUNT.with(|c| c.set(0));
    ON.with(|on| on.set(true));
    f();
    ON.with(|on| on.set(false));
    COUNT.with(Cell::get)
}

fn check(path: &str) {
    let program = common::program(path);
    let plan = Plan::compile(&program, Calendar::embedded().unwrap()).unwrap();
    let mut rng = Rng::new(42);
    let lines: Vec<String> = (0..5000)
        .map(|id| record(&program, &mut rng, id, Mix::Clean))
        .collect();
    let mut scratch = Scratch::new(&plan);
    let mut out = Vec::new();
    // Warm-up: the buffers grow to their working size.
    for line in &lines {
        plan.answer_json(line.as_bytes(), "编号", &mut scratch, &mut out)
            .unwrap();
    }
    let end_to_end = counted(|| {
        for chunk in lines.chunks(1000) {
            out.clear();
            for line in chunk {
                plan.answer_json(line.as_bytes(), "编号", &mut scratch, &mut out)
                    .unwrap();
            }
        }
    });
    assert_eq!(
        end_to_end, 0,
        "{path}: allocations reading, evaluating, writing"
    );

    let prepared: Vec<Vec<CVal>> = lines
        .iter()
        .map(|line| {
            plan.load_json(line.as_bytes(), "编号", &mut scratch)
                .unwrap();
            scratch.facts().to_vec()
        })
        .collect();
    let mut amounts = 0usize;
    let evaluation = counted(|| {
        for facts in &prepared {
            scratch.load_facts(facts);
            plan.evaluate(&mut scratch).unwrap();
            amounts += scratch.output(&plan, 0).map_or(0, |(_, cites)| cites.len());
        }
    });
    assert_eq!(
        evaluation, 0,
        "{path}: allocations evaluating pre-parsed records"
    );
    assert!(amounts > 0);
    // The counter does count: a record on a fresh scratch allocates.
    assert!(counted(|| drop(Scratch::new(&plan))) > 0);
}

#[test]
fn the_hot_path_does_not_allocate() {
    check("benches/relief/relief.pol");
    check(common::FLAGSHIP);
}
