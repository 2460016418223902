// Parameters for deploy/main.bicep:
//   az deployment group create -g <resource group> -f deploy/main.bicep -p deploy/main.bicepparam
// Parameters left out here keep the defaults of main.bicep:
//   resourceBaseName  'learn' + uniqueString(resourceGroup().id), the same on every redeploy
//   location          the resource group's region
//   allowedTenants    [tenant().tenantId], the tenant you deploy to
// Override any of them on the command line, e.g. -p resourceBaseName=learnprod.
using './main.bicep'

// B1 keeps Always On available so scheduled drops run on time; F1 is for trials only.
param appServicePlanSku = 'B1'

// The Teams channel is free on F0.
param botSku = 'F0'

param botDisplayName = 'Learning Bot'

param storageSku = 'Standard_LRS'

param logRetentionDays = 30

// Generate once (openssl rand -base64 48), keep it (e.g. in your pipeline's secret store), pass
// the same value on every deployment: PSEUDONYM_SECRET=... az deployment group create ...
param pseudonymSecret = readEnvironmentVariable('PSEUDONYM_SECRET')

// Signs the export links; any fresh value works: EXPORT_SIGNING_KEY=$(openssl rand -base64 32)
param exportSigningKey = readEnvironmentVariable('EXPORT_SIGNING_KEY')

// The Insights tab's app registration (docs/tab.md); empty leaves the tab API off.
param tabClientId = readEnvironmentVariable('TAB_CLIENT_ID', '')

param tags = {
  application: 'TeamsLearningBot'
}
