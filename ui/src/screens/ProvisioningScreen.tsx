import { NotAvailable } from "../components/NotAvailable";
import { PageHeader } from "../components/PageHeader";

export function ProvisioningScreen() {
  return (
    <div className="screen">
      <PageHeader title="Provisioning" description="SCIM provisioning health for your ZoomInfo organisation." />
      <NotAvailable title="Not available yet">
        <p>Arrives with SCIM health: token expiry, seats used and available, and users whose
          provisioning failed, checked against your identity provider's SCIM connection.</p>
      </NotAvailable>
    </div>
  );
}
