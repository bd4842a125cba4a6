<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("deviceRiskNewSignInIntro", realmName)}</p>
<ul>
<li>${msg("deviceRiskDevice")}: ${deviceLabel}</li>
<li>${msg("deviceRiskNetwork")}: ${ipPrefix}</li>
<li>${msg("deviceRiskTime")}: ${signInTime}</li>
<#if riskReasons?seq_contains("recent_failures")>
<li>${msg("deviceRiskRecentFailures")}</li>
</#if>
</ul>
<p>${msg("deviceRiskNewSignInAdvice")}</p>
</@layout.emailLayout>
