//! When each node is evaluated: its level, which is the backend call it
//! joins, counting only the nodes an output depends on.

use super::bits::Bit;
use super::builder::Circuit;

/// A circuit prints the shape of its schedule: nodes, bootstraps, levels.
impl std::fmt::Debug for Circuit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Circuit")
            .field("nodes", &self.nodes.len())
            .field("bootstraps", &self.bootstraps())
            .field("levels", &self.levels())
            .finish()
    }
}

impl Circuit {
    /// The level of every node from `start` on that one of `roots` depends
    /// on, `None` for the others; nodes before `start` count as inputs.
    /// Level: inputs and constants 0, a bootstrapped node one above its
    /// deepest operand, a free node at its deepest operand. Only live nodes
    /// are evaluated, so a builder may create nodes it ends up not needing
    /// at no cost.
    fn live_levels_from(&self, start: usize, roots: impl IntoIterator<Item = usize>) -> Vec<Option<usize>> {
        let nodes = &self.nodes[start..];
        let local = |o: usize| o.checked_sub(start);
        let mut live = vec![false; nodes.len()];
        for root in roots.into_iter().filter_map(local) {
            live[root] = true;
        }
        // Operands precede the nodes that use them.
        for k in (0..nodes.len()).rev() {
            if live[k] {
                for o in nodes[k].operands().into_iter().filter_map(local) {
                    live[o] = true;
                }
            }
        }
        let mut levels = Vec::with_capacity(nodes.len());
        for node in nodes {
            let deepest = node.operands().into_iter().filter_map(local).map(|o| levels[o]).max().unwrap_or(0);
            levels.push(deepest + usize::from(node.bootstraps() > 0));
        }
        levels.into_iter().zip(live).map(|(level, live)| live.then_some(level)).collect()
    }

    /// The level of every node an output depends on; `None` for the others.
    fn live_levels(&self) -> Vec<Option<usize>> {
        self.live_levels_from(0, self.bool_outputs.iter().chain(&self.int_outputs).copied())
    }

    /// Bootstraps and levels of the nodes from `start` on that `outputs`
    /// depend on, nodes before `start` counting as level 0: the cost of what
    /// a builder just appended.
    pub(super) fn appended_cost(&self, start: usize, outputs: &[Bit]) -> (usize, usize) {
        let roots = outputs.iter().filter_map(|bit| if let Bit::Wire(w) = bit { Some(w.node) } else { None });
        let levels = self.live_levels_from(start, roots);
        self.nodes[start..]
            .iter()
            .zip(levels)
            .filter_map(|(node, level)| Some((node.bootstraps(), level?)))
            .fold((0, 0), |(bootstraps, depth), (b, level)| (bootstraps + b, depth.max(level)))
    }

    /// Number of levels holding bootstraps: the backend calls one instance
    /// needs (counting only nodes an output depends on).
    pub fn levels(&self) -> usize {
        self.live_levels().into_iter().flatten().max().unwrap_or(0)
    }

    /// Bootstraps of one instance on each level (one backend call each),
    /// counting only nodes an output depends on.
    pub fn level_sizes(&self) -> Vec<usize> {
        let levels = self.live_levels();
        let mut sizes = vec![0; levels.iter().flatten().copied().max().unwrap_or(0)];
        for (node, level) in self.nodes.iter().zip(levels) {
            if let Some(level) = level.filter(|_| node.bootstraps() > 0) {
                sizes[level - 1] += node.bootstraps();
            }
        }
        sizes
    }

    /// Bootstraps one instance needs (nodes no output depends on are not evaluated).
    pub fn bootstraps(&self) -> usize {
        self.level_sizes().iter().sum()
    }

    /// The live nodes of every level, each level in index (topological)
    /// order; entry 0 is level 0, the last entry the deepest level.
    pub(super) fn live_nodes_by_level(&self) -> Vec<Vec<usize>> {
        let levels = self.live_levels();
        let depth = levels.iter().flatten().copied().max().unwrap_or(0);
        let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); depth + 1];
        for (n, level) in levels.into_iter().enumerate() {
            if let Some(level) = level {
                by_level[level].push(n);
            }
        }
        by_level
    }
}
