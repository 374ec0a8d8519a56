//! The learning rate at a point of the run (before reduce-on-plateau scales it).

use super::config::{ScheduleKind, TrainConfig};

/// Share of the peak rate the cosine schedule ends at.
pub const COSINE_FLOOR: f64 = 0.01;

/// The scheduled learning rate at fractional epoch `t` (images seen / images per epoch,
/// counted after the step that uses the rate).
pub fn scheduled_lr(c: &TrainConfig, t: f64) -> f64 {
    let s = &c.schedule;
    match s.kind {
        ScheduleKind::Constant => c.lr,
        ScheduleKind::Step => {
            let decays = (t / s.every as f64).floor().max(0.0);
            c.lr * s.gamma.powf(decays)
        }
        ScheduleKind::Cosine => {
            let warm = s.warmup;
            if t < warm {
                return c.lr * (t / warm).clamp(0.0, 1.0);
            }
            let span = (c.epochs as f64 - warm).max(f64::MIN_POSITIVE);
            let progress = ((t - warm) / span).clamp(0.0, 1.0);
            let cos = 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
            c.lr * (COSINE_FLOOR + (1.0 - COSINE_FLOOR) * cos)
        }
    }
}
