use zi_core::Result;

use crate::cli::UsageArgs;

pub async fn usage(args: &UsageArgs, target: crate::session::Target) -> Result<()> {
    let console = crate::session::open(target).await?;
    let report = console.usage().await?;
    if args.json {
        let json = serde_json::to_string_pretty(&report.limits)
            .map_err(|e| zi_core::CoreError::Invalid(e.to_string()))?;
        crate::output::emit(json);
    } else {
        crate::output::emit(crate::output::usage_table(&report.limits));
    }
    Ok(())
}
