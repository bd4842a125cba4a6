<#ftl output_format="plainText">
${msg("deviceRiskNewSignInIntro", realmName)}

${msg("deviceRiskDevice")}: ${deviceLabel}
${msg("deviceRiskNetwork")}: ${ipPrefix}
${msg("deviceRiskTime")}: ${signInTime}
<#if riskReasons?seq_contains("recent_failures")>
${msg("deviceRiskRecentFailures")}
</#if>

${msg("deviceRiskNewSignInAdvice")}
