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
    /// Whether the contender ran on a software adapter (a correctness
    /// vehicle, not a GPU speed).
    pub software: bool,
    /// GPU time of the accumulator initialisation in the last repetition (ms).
    pub gpu_init_ms: Option<f64>,
    /// GPU time of the CMux windows (the blind rotation) in the last repetition (ms).
    pub gpu_cmux_ms: Option<f64>,
    /// GPU time of the extraction and keyswitch in the last repetition (ms).
    pub gpu_keyswitch_ms: Option<f64>,
}

/// The median of sorted `values`: the middle one, or the mean of the two
/// middle ones for an even count; `None` when empty.
///
/// ```
/// use umbra_benches::report::median;
/// assert_eq!(median(&[1.0, 2.0, 10.0]), Some(2.0));
/// assert_eq!(median(&[1.0, 3.0]), Some(2.0));
/// assert_eq!(median(&[]), None);
/// ```
pub fn median(sorted: &[f64]) -> Option<f64> {
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if !n.is_multiple_of(2) => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

impl Row {
    /// A row from the batch times of one or more repetitions (`None` for none).
    pub fn from_times(
        params: &str,
        contender: &str,
        details: &str,
        batch: usize,
        times_ms: &mut [f64],
    ) -> Option<Self> {
        times_ms.sort_by(f64::total_cmp);
        let median = median(times_ms)?;
        Some(Self {
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
            software: false,
            gpu_init_ms: None,
            gpu_cmux_ms: None,
            gpu_keyswitch_ms: None,
        })
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

/// Bootstraps per second for people: whole numbers from 10 up, two decimals below.
///
/// ```
/// use umbra_benches::report::rate;
/// assert_eq!(rate(238.4), "238");
/// assert_eq!(rate(3.456), "3.46");
/// ```
pub fn rate(pbs_per_s: f64) -> String {
    if pbs_per_s < 10.0 {
        format!("{pbs_per_s:.2}")
    } else {
        format!("{pbs_per_s:.0}")
    }
}

/// The table as Markdown (also what the terminal shows).
pub fn markdown_table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| set | contender | batch | PBS/s | ms/PBS (median) | batch ms min–max | vs cpu×1 | vs tfhe-rs×1 | vs tfhe-rs×all | GPU ms: init / CMux / keyswitch |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {}{} | {} | {} | {:.3} | {:.1}–{:.1} | {} | {} | {} | {} |",
            r.params,
            r.contender,
            if r.software { " (software adapter)" } else { "" },
            r.batch,
            rate(r.pbs_per_s),
            r.ms_per_pbs,
            r.min_ms,
            r.max_ms,
            ratio(r.speedup_vs_cpu1),
            ratio(r.ratio_vs_peer_1t),
            ratio(r.ratio_vs_peer_all),
            match (r.gpu_init_ms, r.gpu_cmux_ms, r.gpu_keyswitch_ms) {
                (Some(init), Some(cmux), Some(keyswitch)) => format!("{init:.2} / {cmux:.2} / {keyswitch:.2}"),
                _ => "—".to_owned(),
            }
        );
    }
    s
}

/// Comma-separated values (RFC 4180, through the `csv` crate), one line per
/// row, with a header of the [`Row`] field names; absent ratios are empty.
pub fn csv(rows: &[Row]) -> Result<String, Box<dyn std::error::Error>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    Ok(String::from_utf8(writer.into_inner().map_err(|e| e.into_error())?)?)
}

/// The JSON document: machine facts and rows.
#[derive(Serialize)]
pub struct Document<'a> {
    /// Where it ran.
    pub machine: &'a MachineInfo,
    /// Unix time of the run (seconds).
    pub unix_time: u64,
    /// Free text that heads the report (e.g. the GPU suite's test results).
    pub notes: &'a str,
    /// The rows.
    pub rows: &'a [Row],
}

/// Colours that read on white, one per contender (Okabe–Ito, without yellow).
const COLOURS: [(u8, u8, u8); 7] =
    [(0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233), (230, 159, 0), (0, 0, 0)];

/// Throughput against batch size as SVG: one panel per parameter set, one
/// line per contender (dashed for software adapters), log–log axes with a
/// tick at every measured batch size; `title` names the machine and date.
pub fn plot(rows: &[Row], title: &str, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use plotters::prelude::*;

    let mut sets: Vec<&str> = Vec::new();
    let mut contenders: Vec<&str> = Vec::new();
    let mut batches: Vec<usize> = Vec::new();
    for r in rows {
        if !sets.contains(&r.params.as_str()) {
            sets.push(&r.params);
        }
        if !contenders.contains(&r.contender.as_str()) {
            contenders.push(&r.contender);
        }
        if !batches.contains(&r.batch) {
            batches.push(r.batch);
        }
    }
    batches.sort_unstable();
    let ticks: Vec<f64> = batches.iter().map(|&b| b as f64).collect();
    let (min_batch, max_batch) = (ticks.first().copied().unwrap_or(1.0), ticks.last().copied().unwrap_or(2.0));
    let max_rate = rows.iter().map(|r| r.pbs_per_s).fold(1.0, f64::max) * 2.0;
    let min_rate = rows.iter().map(|r| r.pbs_per_s).fold(max_rate, f64::min).max(0.01) / 2.0;

    let panels = sets.len().max(1);
    let root = SVGBackend::new(path, (560 * panels as u32, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = root.titled(title, ("sans-serif", 18))?;
    for (panel, set) in root.split_evenly((1, panels)).iter().zip(&sets) {
        let x_range = (min_batch * 0.8..max_batch * 1.25).log_scale().with_key_points(ticks.clone());
        let mut chart = ChartBuilder::on(panel)
            .caption(format!("parameter set {set}"), ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(x_range, (min_rate..max_rate).log_scale())?;
        chart
            .configure_mesh()
            .x_desc("batch size (bootstraps per call, log scale)")
            .y_desc("bootstraps per second (log scale)")
            .x_label_formatter(&|x| format!("{}", x.round() as u64))
            .y_label_formatter(&|y| rate(*y))
            .light_line_style(WHITE)
            .draw()?;
        for (i, contender) in contenders.iter().enumerate() {
            let mine: Vec<&Row> = rows.iter().filter(|r| r.params == *set && r.contender == *contender).collect();
            let Some(first) = mine.first() else { continue };
            let (red, green, blue) = COLOURS[i % COLOURS.len()];
            let colour = RGBColor(red, green, blue);
            let points: Vec<(f64, f64)> = mine.iter().map(|r| (r.batch as f64, r.pbs_per_s)).collect();
            let label =
                if first.software { format!("{contender} (software adapter)") } else { (*contender).to_owned() };
            let style = colour.stroke_width(2);
            let series = if first.software {
                chart.draw_series(DashedLineSeries::new(points.clone(), 6, 4, style))?
            } else {
                chart.draw_series(LineSeries::new(points.clone(), style))?
            };
            series.label(label).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
            chart.draw_series(points.into_iter().map(|p| Circle::new(p, 3, colour.filled())))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(params: &str, contender: &str, batch: usize, times: &mut [f64]) -> Row {
        Row::from_times(params, contender, "", batch, times).unwrap()
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        // Before, two repeats reported the slower one.
        let r = row("s", "c", 4, &mut [30.0, 10.0]);
        assert_eq!((r.median_ms, r.min_ms, r.max_ms), (20.0, 10.0, 30.0));
        assert_eq!(r.ms_per_pbs, 5.0);
        assert_eq!(r.pbs_per_s, 200.0);
        assert_eq!(row("s", "c", 1, &mut [5.0, 1.0, 3.0, 100.0]).median_ms, 4.0);
        assert_eq!(row("s", "c", 1, &mut [5.0, 1.0, 3.0]).median_ms, 3.0);
        assert!(Row::from_times("s", "c", "", 1, &mut []).is_none());
    }

    #[test]
    fn csv_quotes_fields_and_leaves_absent_ratios_empty() {
        let mut r = row("tfhe-lib", "umbra gpu-u32", 16, &mut [8.0]);
        r.details = "llvmpipe, \"quoted\", with commas".into();
        r.speedup_vs_cpu1 = Some(0.5);
        let text = csv(&[r]).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        let field = |name: &str| &record[headers.iter().position(|h| h == name).unwrap()];
        assert_eq!(field("details"), "llvmpipe, \"quoted\", with commas");
        assert_eq!(field("speedup_vs_cpu1"), "0.5");
        assert_eq!(field("ratio_vs_peer_1t"), "");
        assert_eq!(field("pbs_per_s"), "2000.0");
        assert_eq!(field("software"), "false");
    }

    #[test]
    fn the_plot_has_a_panel_per_set_and_ticks_at_the_measured_sizes() {
        let mut rows = vec![
            row("tfhe-lib", "umbra cpu ×1", 1, &mut [10.0]),
            row("tfhe-lib", "umbra cpu ×1", 64, &mut [500.0]),
            row("default-boolean", "umbra cpu ×1", 1, &mut [11.0]),
            row("default-boolean", "umbra cpu ×1", 64, &mut [520.0]),
            row("tfhe-lib", "umbra gpu-f64", 1, &mut [300.0]),
            row("tfhe-lib", "umbra gpu-f64", 64, &mut [9000.0]),
        ];
        rows[4].software = true;
        rows[5].software = true;
        let dir = std::env::temp_dir().join(format!("umbra-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plot.svg");
        plot(&rows, "test machine, 2026-11-25", &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        // Every text element holds its content on a line of its own.
        for text in [
            "parameter set tfhe-lib",
            "parameter set default-boolean",
            "test machine, 2026-11-25",
            "umbra gpu-f64 (software adapter)",
            "64",
            "batch size (bootstraps per call, log scale)",
        ] {
            assert!(svg.lines().any(|line| line.trim() == text), "{text} missing");
        }
    }
}
