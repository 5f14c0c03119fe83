import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";

export function EnrichScreen() {
  return (
    <div className="screen">
      <PageHeader title="Enrich" description="Bulk-enrich a spreadsheet of contacts or companies." />
      <NotAvailable title="Not available yet">
        <p>Arrives with bulk enrichment: drop a CSV or Excel file, check the column mapping, see the
          credit estimate and a budget cap before anything is spent, then follow progress and resume
          an interrupted run without paying twice.</p>
      </NotAvailable>
    </div>
  );
}
