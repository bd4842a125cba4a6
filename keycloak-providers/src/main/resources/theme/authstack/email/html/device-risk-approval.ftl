<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("deviceRiskApprovalIntro", realmName)}</p>
<ul>
<li>${msg("deviceRiskDevice")}: ${deviceLabel}</li>
<li>${msg("deviceRiskNetwork")}: ${ipPrefix}</li>
</ul>
<p><a href="${link}">${msg("deviceRiskApprovalLinkText")}</a></p>
<p>${msg("deviceRiskApprovalExpiry", linkLifetimeMinutes)}</p>
<p>${msg("deviceRiskApprovalAdvice")}</p>
</@layout.emailLayout>
