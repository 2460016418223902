// TeamsLearningBot: everything the bot needs in one resource group.
//
//   managed identity ── is the bot's Microsoft App ID (UserAssignedMSI) and reaches storage
//   storage account  ── Table + Queue data, Entra ID only (no shared keys)
//   App Service      ── Linux, .NET 10, serves https://<app>/api/messages
//   Azure Bot        ── global registration with the Microsoft Teams channel
//   Key Vault        ── the pseudonym secret behind the one-way learner keys
//   Log Analytics + Application Insights

metadata description = 'TeamsLearningBot: App Service, Azure Bot (Teams channel), Storage and monitoring, all on one user-assigned managed identity.'

@description('Prefix for every resource name: 3 to 18 lower-case letters and digits, starting with a letter (the storage account name allows nothing else). The default is unique per resource group.')
@minLength(3)
@maxLength(18)
param resourceBaseName string = 'learn${uniqueString(resourceGroup().id)}'

@description('Azure region for everything except the Azure Bot, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU. F1 (free) turns Always On off, which pauses scheduled drops while the app sleeps; use B1 or above in production.')
@allowed(['F1', 'B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3', 'P3v3'])
param appServicePlanSku string = 'B1'

@description('Azure Bot SKU. F0 is free (standard channels such as Teams are unlimited); S1 is paid.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Display name of the Azure Bot resource.')
@maxLength(42)
param botDisplayName string = 'Learning Bot'

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

@description('Entra tenant ids whose Teams activities the bot processes; activities from any other tenant are refused. Default: the tenant you deploy to.')
@minLength(1)
param allowedTenants string[] = [tenant().tenantId]

@description('Secret behind the one-way learner keys (Privacy:PseudonymSecret), at least 32 characters, e.g. from `openssl rand -base64 48`. Generate it once and pass the same value on every redeploy: a new one makes earlier anonymous records unlinkable to the same learner. Stored in the Key Vault; the app refuses to start in Production without it.')
@secure()
@minLength(32)
param pseudonymSecret string

@description('Key that signs the 15-minute export links (Export:SigningKeys:0): base64 of at least 32 bytes, e.g. from `openssl rand -base64 32`. May be replaced on any redeploy (links in flight then stop working). Stored in the Key Vault; the app refuses to start in Production without it.')
@secure()
@minLength(44)
param exportSigningKey string

@description('Client id of the Entra app registration the Insights tab signs in with (Teams SSO; see docs/tab.md: an exposed API with the access_as_user scope, pre-authorized for the Teams clients). Empty leaves the tab API off: every tab request is refused with 401.')
param tabClientId string = ''

@description('Host name the tab is served from, as in its Application ID URI api://{tabDomain}/botid-{tabClientId}. Empty: the web app\'s azurewebsites.net host name.')
param tabDomain string = ''

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags for every resource.')
param tags object = {
  application: 'TeamsLearningBot'
}

var storageAccountName = toLower('st${resourceBaseName}')
// Key Vault names allow 24 characters.
var keyVaultName = take('kv-${resourceBaseName}', 24)
var alwaysOn = appServicePlanSku != 'F1'
var webAppName = 'app-${resourceBaseName}'
var tabHost = empty(tabDomain) ? '${webAppName}.azurewebsites.net' : tabDomain

// Teams' own clients (desktop and mobile; web), which the tab's exposed API pre-authorizes for access_as_user.
var teamsClientIds = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264'
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'
]

// Built-in role definitions: data-plane access to tables and queues, nothing else.
var storageRoles = {
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${resourceBaseName}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }
}

// The app creates its own tables and queues at start; these make sure both services exist.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, identity.id, role.value)
    scope: storage
    properties: {
      description: 'TeamsLearningBot ${role.key}'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource exportSigningKeyValue 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'export-signing-key'
  properties: {
    value: exportSigningKey
    contentType: 'text/plain'
  }
}

resource pseudonymSecretValue 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'pseudonym-secret'
  properties: {
    value: pseudonymSecret
    contentType: 'text/plain'
  }
}

// Key Vault Secrets User: the app reads secrets through a Key Vault reference, nothing more.
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    description: 'TeamsLearningBot reads its Key Vault secrets'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-${resourceBaseName}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'asp-${resourceBaseName}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2025-03-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references in app settings resolve with the app's user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: alwaysOn
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMsi' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__QueueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
        { name: 'AllowedTenants', value: join(allowedTenants, ';') }
        { name: 'Privacy__PseudonymSecret', value: '@Microsoft.KeyVault(SecretUri=${pseudonymSecretValue.properties.secretUri})' }
        { name: 'Export__SigningKeys__0', value: '@Microsoft.KeyVault(SecretUri=${exportSigningKeyValue.properties.secretUri})' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'Tab__ClientId', value: tabClientId }
        { name: 'Tab__Domain', value: tabHost }
      ]
    }
  }
  // The app opens its tables and queues at start: give it the roles before it first runs.
  dependsOn: [
    storageRoleAssignments
    tableService
    queueService
    vaultSecretsUser
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${resourceBaseName}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

@description('Host name of the web app: BOT_DOMAIN for the Teams app package.')
output webAppHostName string = webApp.properties.defaultHostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = webApp.name

@description('The bot\'s Microsoft App ID (the managed identity\'s client id): BOT_ID for the Teams app package.')
output botId string = identity.properties.clientId

@description('Tenant of the bot identity.')
output botTenantId string = identity.properties.tenantId

@description('Messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('Table service endpoint of the storage account.')
output tableServiceUri string = storage.properties.primaryEndpoints.table

@description('Queue service endpoint of the storage account.')
output queueServiceUri string = storage.properties.primaryEndpoints.queue

@description('The Insights tab\'s Application ID URI: set it on the tab\'s app registration (Expose an API) and pass it to the manifest build as the webApplicationInfo resource.')
output tabApplicationIdUri string = empty(tabClientId) ? '' : 'api://${tabHost}/botid-${tabClientId}'

@description('Client ids to pre-authorize for the access_as_user scope on the tab\'s app registration.')
output tabPreAuthorizedClientIds string[] = teamsClientIds
