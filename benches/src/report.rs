//! Results: one row per (parameter set, contender, batch size), with the
//! ratio columns, as a terminal table, CSV, JSON and an SVG plot.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::machine::MachineInfo;

/// One measured configuration.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Parameter set name.
    pub params: String,
    /// Contender label.
    pub contender: String,
    /// Backend or library details.
    pub details: String,
    /// Bootstraps per batch.
    pub batch: usize,
    /// Timed repetitions.
    pub runs: usize,
    /// Median batch time (ms).
    pub median_ms: f64,
    /// Fastest batch (ms).
    pub min_ms: f64,
    /// Slowest batch (ms).
    pub max_ms: f64,
    /// Median time per bootstrap (ms).
    pub ms_per_pbs: f64,
    /// Bootstraps per second at the median.
    pub pbs_per_s: f64,
    /// Throughput over Umbra's 1-thread CPU row at the same batch size.
    pub speedup_vs_cpu1: Option<f64>,
    /// Throughput over tfhe-rs on 1 thread at the same batch size.
    pub ratio_vs_peer_1t: Option<f64>,
    /// Throughput over tfhe-rs on all threads at the same batch size.
    pub ratio_vs_peer_all: Option<f64>,
    /// Whether this row is the 1-thread CPU baseline.
    #[serde(skip)]
    pub baseline: bool,
    /// Whether this row is a peer library, and its thread count.
    #[serde(skip)]
    pub peer_threads: Option<usize>,
}

impl Row {
    /// A row from the batch times of `runs` repetitions.
    pub fn from_times(params: &str, contender: &str, details: &str, batch: usize, times_ms: &mut [f64]) -> Self {
        times_ms.sort_by(f64::total_cmp);
        let median = times_ms[times_ms.len() / 2];
        Self {
            params: params.into(),
            contender: contender.into(),
            details: details.into(),
            batch,
            runs: times_ms.len(),
            median_ms: median,
            min_ms: times_ms[0],
            max_ms: times_ms[times_ms.len() - 1],
            ms_per_pbs: median / batch as f64,
            pbs_per_s: batch as f64 * 1e3 / median,
            speedup_vs_cpu1: None,
            ratio_vs_peer_1t: None,
            ratio_vs_peer_all: None,
            baseline: false,
            peer_threads: None,
        }
    }
}

/// Fills the ratio columns from the baseline and peer rows of the same set and batch size.
pub fn fill_ratios(rows: &mut [Row]) {
    let lookup = |rows: &[Row], params: &str, batch: usize, pick: &dyn Fn(&Row) -> bool| {
        rows.iter().find(|r| r.params == params && r.batch == batch && pick(r)).map(|r| r.pbs_per_s)
    };
    let max_peer_threads = rows.iter().filter_map(|r| r.peer_threads).max();
    let snapshot = rows.to_vec();
    for row in rows.iter_mut() {
        let base = lookup(&snapshot, &row.params, row.batch, &|r| r.baseline);
        let peer1 = lookup(&snapshot, &row.params, row.batch, &|r| r.peer_threads == Some(1));
        let peer_all = lookup(&snapshot, &row.params, row.batch, &|r| {
            r.peer_threads.is_some() && r.peer_threads == max_peer_threads
        });
        row.speedup_vs_cpu1 = base.map(|b| row.pbs_per_s / b);
        if row.peer_threads.is_none() {
            row.ratio_vs_peer_1t = peer1.map(|p| row.pbs_per_s / p);
            row.ratio_vs_peer_all = peer_all.map(|p| row.pbs_per_s / p);
        }
    }
}

fn ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{v:.2}×"))
}

/// The table as Markdown (also what the terminal shows).
pub fn markdown_table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| set | contender | batch | PBS/s | ms/PBS (median) | batch ms min–max | vs cpu×1 | vs tfhe-rs×1 | vs tfhe-rs×all |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.0} | {:.3} | {:.1}–{:.1} | {} | {} | {} |",
            r.params,
            r.contender,
            r.batch,
            r.pbs_per_s,
            r.ms_per_pbs,
            r.min_ms,
            r.max_ms,
            ratio(r.speedup_vs_cpu1),
            ratio(r.ratio_vs_peer_1t),
            ratio(r.ratio_vs_peer_all)
        );
    }
    s
}

/// Comma-separated values, one line per row, with a header.
pub fn csv(rows: &[Row]) -> String {
    let opt = |x: Option<f64>| x.map_or_else(String::new, |v| format!("{v:.4}"));
    let mut s = String::from(
        "params,contender,details,batch,runs,median_ms,min_ms,max_ms,ms_per_pbs,pbs_per_s,speedup_vs_cpu1,ratio_vs_peer_1t,ratio_vs_peer_all\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},\"{}\",{},{},{:.4},{:.4},{:.4},{:.5},{:.2},{},{},{}",
            r.params,
            r.contender,
            r.details.replace('"', "'"),
            r.batch,
            r.runs,
            r.median_ms,
            r.min_ms,
            r.max_ms,
            r.ms_per_pbs,
            r.pbs_per_s,
            opt(r.speedup_vs_cpu1),
            opt(r.ratio_vs_peer_1t),
            opt(r.ratio_vs_peer_all)
        );
    }
    s
}

/// The JSON document: machine facts and rows.
#[derive(Serialize)]
pub struct Document<'a> {
    /// Where it ran.
    pub machine: &'a MachineInfo,
    /// Unix time of the run (seconds).
    pub unix_time: u64,
    /// The rows.
    pub rows: &'a [Row],
}

/// Throughput against batch size, one line per (set, contender), log-log, as SVG.
pub fn plot(rows: &[Row], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;

    let max_batch = rows.iter().map(|r| r.batch).max().unwrap_or(1).max(2) as f64;
    let max_rate = rows.iter().map(|r| r.pbs_per_s).fold(1.0, f64::max) * 2.0;
    let min_rate = rows.iter().map(|r| r.pbs_per_s).fold(max_rate, f64::min).max(0.1) / 2.0;
    let root = SVGBackend::new(path, (960, 600)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Umbra: bootstraps per second vs batch size", ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d((1f64..max_batch).log_scale(), (min_rate..max_rate).log_scale())?;
    chart.configure_mesh().x_desc("batch size").y_desc("PBS/s").draw()?;
    let mut series: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for r in rows {
        let name = format!("{} · {}", r.contender, r.params);
        let point = (r.batch as f64, r.pbs_per_s);
        match series.iter_mut().find(|(n, _)| *n == name) {
            Some((_, points)) => points.push(point),
            None => series.push((name, vec![point])),
        }
    }
    for (i, (name, points)) in series.into_iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        chart.draw_series(points.into_iter().map(|p| Circle::new(p, 3, color.filled())))?;
    }
    chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
